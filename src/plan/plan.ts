import { canonicalJson, sha256Hex } from '../util/canonical.js';
import type { DistrictPlan, Plan } from './types.js';
import { districtHasChanges } from './types.js';

export function assemblePlan(districts: DistrictPlan[], now: Date, createdAt: Date = new Date()): Plan {
  const body = { formatVersion: 1 as const, now: now.toISOString(), createdAt: createdAt.toISOString(), districts };
  return { ...body, hash: planHash(body) };
}

/** The hash covers what the plan would do, not when it was written. */
export function planHash(plan: Omit<Plan, 'hash'>): string {
  return sha256Hex(canonicalJson({ formatVersion: plan.formatVersion, now: plan.now, districts: plan.districts }));
}

export function planHasChanges(plan: Plan): boolean {
  return plan.districts.some(districtHasChanges);
}

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  verify: number;
  manual: number;
  rotate: number;
  /** Rotation steps handed to a person (manual provider) and not done yet. */
  waiting: number;
  pending: number;
  noop: number;
  warnings: number;
  errors: number;
}

export function summarise(districts: DistrictPlan[]): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, delete: 0, verify: 0, manual: 0, rotate: 0, waiting: 0, pending: 0, noop: 0, warnings: 0, errors: 0 };
  for (const district of districts) {
    summary.warnings += district.warnings.length;
    summary.errors += district.errors.length;
    for (const action of district.actions) {
      if (action.kind === 'no-op') summary.noop += 1;
      else if (action.kind === 'manual') summary[action.pending ? 'pending' : 'manual'] += 1;
      else if (action.kind === 'rotate') summary[action.pending ? 'waiting' : 'rotate'] += 1;
      else summary[action.kind] += 1;
    }
  }
  return summary;
}

export function summaryLine(summary: PlanSummary): string {
  const parts = [
    `${summary.create} to create`,
    `${summary.update} to update`,
    `${summary.delete} to delete`,
    `${summary.verify} to verify`,
    `${summary.manual} manual`,
  ];
  if (summary.rotate > 0) parts.push(`${summary.rotate} rotation step${summary.rotate === 1 ? '' : 's'}`);
  if (summary.waiting > 0) parts.push(`${summary.waiting} waiting for a person`);
  if (summary.pending > 0) parts.push(`${summary.pending} pending attestation`);
  if (summary.errors > 0) parts.push(`${summary.errors} error${summary.errors === 1 ? '' : 's'}`);
  return `Plan: ${parts.join(', ')}.`;
}

/**
 * Rotation inside a district's plan: its steps around the link's own actions, and the recovery of
 * a link no access record covers today. Pure, called by the planner (src/plan/planner.ts).
 */
import type { DesiredDistrict } from '../plan/desired.js';
import type { ObservedDistrict } from '../plan/planner.js';
import type { DistrictPlan, ManualAction } from '../plan/types.js';
import { planRotation, type RotationPlan } from './planner.js';
import { expiredLinkRecord, knownRecords } from './records.js';
import { NO_CURRENT_RECORD, unresolvedLinkFinding } from './recovery.js';

/** Rotation steps: preparation before the link's actions, promotion after them, retirement last. */
export function addRotation(desired: DesiredDistrict, observed: ObservedDistrict, plan: DistrictPlan): RotationPlan | undefined {
  if (desired.rotation === undefined || observed.rotation === undefined) return undefined;
  const active = observed.link?.activeRecord;
  const rotation = planRotation(desired.rotation, observed.rotation, {
    district: desired.name,
    activeRecord: typeof active === 'string' ? active : undefined,
    desiredRecord: desired.record?.name,
  });
  plan.actions = [...rotation.prepare, ...plan.actions, ...rotation.promote, ...rotation.retire];
  plan.warnings.push(...rotation.warnings);
  return rotation;
}

/**
 * No record covers today (the link's record expired, or none ever was valid): the rotation policy
 * may still prepare a record covering today and promote it once tested. The error becomes a
 * warning only when it does, since a district in error is never applied. Other errors (a secret
 * or the endpoints that do not resolve) keep the district from being planned at all.
 */
export function addRecovery(desired: DesiredDistrict, observed: ObservedDistrict, plan: DistrictPlan): void {
  const original = desired.errors.find((error) => error.code === NO_CURRENT_RECORD);
  if (original === undefined || desired.errors.length !== 1) return;
  const rotation = addRotation(desired, observed, plan);
  if (rotation === undefined || desired.rotation === undefined || observed.rotation === undefined) return;
  const active = observed.link?.activeRecord;
  const link = { district: desired.name, linked: observed.link !== undefined, activeRecord: typeof active === 'string' ? active : undefined };
  const { severity, finding } = unresolvedLinkFinding(desired.rotation, observed.rotation, link, rotation, original);
  plan.errors = plan.errors.filter((error) => error !== original);
  (severity === 'error' ? plan.errors : plan.warnings).unshift(finding);
}

/**
 * The link still uses a record that expired while a record covering today exists (a console step
 * waiting for a person, or a switch that apply makes): the link is broken until it moves, so the
 * plan says so rather than showing only the step.
 */
export function addExpiredLinkWarning(desired: DesiredDistrict, observed: ObservedDistrict, plan: DistrictPlan): void {
  if (desired.rotation === undefined || observed.rotation === undefined || desired.record === undefined) return;
  const active = observed.link?.activeRecord;
  if (typeof active !== 'string' || active === desired.record.name) return;
  const record = expiredLinkRecord(knownRecords(desired.rotation, observed.rotation), active, desired.rotation.today);
  if (record === undefined) return;
  const waiting = plan.actions.find((action): action is ManualAction => action.kind === 'manual' && action.pending);
  const until = waiting === undefined
    ? `apply moves it to ${JSON.stringify(desired.record.name)}`
    : `a person does console step ${waiting.stepId} (re-link with ${JSON.stringify(desired.record.name)}), then runs sislink attest ${desired.name} ${waiting.stepId}`;
  plan.warnings.unshift({
    code: 'LINK_CREDENTIAL_EXPIRED',
    message: `the link uses access record ${JSON.stringify(active)}, which expired after ${record.expiration ?? ''}: the link no longer works until ${until}`,
  });
}

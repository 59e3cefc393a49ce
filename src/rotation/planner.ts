/**
 * Rotation planning, pure: from the policy, the clock and the known records, which rotation steps
 * are due (see docs/rotation.md). Preparation steps run before the link's own actions, promotion
 * after them, retirement last, so the link never points at an untested or retired record.
 */
import type { PlanWarning, RotateAction, RotationStep } from '../plan/types.js';
import { manualCreateInstructions, manualRetireInstructions, manualSecretRef } from '../providers/access-records/manual.js';
import { addDays } from '../util/dates.js';
import { mayRetry } from './backoff.js';
import { recordKey, recordName, recordWindow, schoolYearEnd, schoolYearOf, schoolYearStart } from './calendar.js';
import { covers, isExpired, isUsable, knownRecords, type KnownRecord } from './records.js';
import { secretNameFor } from './secret-names.js';
import type { RotationDesired, RotationObserved } from './types.js';

/** Days before a record's effective date that a person (manual provider) is told to create it. */
export const MANUAL_LEAD_DAYS = 30;

export interface RotationLinkView {
  district: string;
  /** The record the link uses now (observed). */
  activeRecord: string | undefined;
  /** The record the link should use today (desired). */
  desiredRecord: string | undefined;
}

export interface RotationPlan {
  prepare: RotateAction[];
  promote: RotateAction[];
  retire: RotateAction[];
  warnings: PlanWarning[];
}

interface Ctx {
  desired: RotationDesired;
  observed: RotationObserved;
  link: RotationLinkView;
  known: KnownRecord[];
  out: RotationPlan;
}

function action(ctx: Ctx, step: RotationStep, reason: string, fields: Partial<RotateAction> & { record: string }): RotateAction {
  return {
    kind: 'rotate', step, id: `rotate:${step}:${fields.record}`, address: `credential.${ctx.link.district}[${JSON.stringify(fields.record)}]`, reason,
    key: '', schoolYear: null, effective: null, expiration: null, provider: ctx.desired.provider, providerId: null,
    secretRef: null, instructions: [], deadline: null, pending: false, ...fields,
  };
}

/** True when `record`, once tested, is the newest usable record covering today and not in use yet. */
function wouldBecomeCurrent(ctx: Ctx, name: string, effective: string): boolean {
  if (ctx.link.activeRecord === name) return false;
  const today = ctx.desired.today;
  const rivals = ctx.known.filter((k) => k.name !== name && isUsable(k) && covers(k, today, today));
  return effective <= today && rivals.every((k) => (k.effective ?? '') <= effective);
}

function planTest(ctx: Ctx, base: Partial<RotateAction> & { record: string; effective: string }, record: KnownRecord | undefined, secretChanges: boolean): void {
  const { today, now } = ctx.desired;
  const test = record?.managed?.test ?? null;
  if (test !== null && !test.ok) {
    ctx.out.warnings.push({
      code: 'ROTATION_TEST_FAILED',
      message: `the new record "${base.record}" failed its test ${test.failures} time(s), last at ${test.at}: ${test.error ?? 'unknown error'}; the link keeps its current credential${test.nextAttempt === undefined ? '' : `; next attempt after ${test.nextAttempt}`}`,
    });
  }
  if (record?.tested === true && !secretChanges) return;
  if (today < base.effective) return;
  if (test !== null && !test.ok && !secretChanges && !mayRetry(test.nextAttempt, now)) return;
  const retry = test !== null && !test.ok ? `retry after ${test.failures} failed test(s)` : 'test before anything uses it';
  ctx.out.prepare.push(action(ctx, 'test', `${retry}: token + one OneRoster read with the record's key and secret`, base));
  if (wouldBecomeCurrent(ctx, base.record, base.effective)) {
    ctx.out.promote.push(action(ctx, 'promote', `the link switches to "${base.record}" once its test passes (never before)`, base));
  }
}

function planAutomatic(ctx: Ctx, base: Partial<RotateAction> & { record: string; effective: string }, record: KnownRecord | undefined, why: string): void {
  const { policy } = ctx.desired;
  const listed = record?.provider;
  const managed = record?.managed;
  if (listed === undefined) {
    const again = managed?.providerId ? ' (the provider no longer lists the one sislink created)' : '';
    ctx.out.prepare.push(action(ctx, 'create', `${why}; create it${again}`, base));
  } else if (managed === undefined || managed.providerId !== listed.id) {
    ctx.out.prepare.push(action(ctx, 'adopt', `the provider already has "${base.record}" (${listed.id}): adopt it, never create a second one`, { ...base, providerId: listed.id }));
  }
  const fresh = listed === undefined || managed === undefined || managed.providerId !== listed.id;
  const lost = record?.fingerprint == null && ctx.link.activeRecord !== base.record;
  const needsSecret = fresh || managed.secretRef === null || lost;
  if (needsSecret) {
    if (policy.secretStore === undefined) {
      ctx.out.warnings.push({ code: 'ROTATION_NO_SECRET_STORE', message: 'spec.credentials.rotation.secretStore is not set: generated secrets have nowhere to go, so no record is rotated' });
      return;
    }
    ctx.out.prepare.push(action(ctx, 'secret', `generate the record's secret and store it in ${policy.secretStore} before anything else can lose it`, { ...base, providerId: listed?.id ?? null }));
  }
  planTest(ctx, base, record, needsSecret);
}

function planManual(ctx: Ctx, base: Partial<RotateAction> & { record: string; effective: string; expiration: string | null }, record: KnownRecord | undefined, why: string): void {
  const { desired } = ctx;
  const secretRef = record?.secretRef ?? manualSecretRef(desired.policy.secretStore, secretNameFor(ctx.link.district, base.record, null));
  if (secretRef === undefined) {
    ctx.out.warnings.push({ code: 'ROTATION_NO_SECRET_STORE', message: 'the manual provider needs spec.credentials.rotation.secretStore: file:DIR to name where the person stores the secret' });
    return;
  }
  if (record?.fingerprint == null) {
    // Due on the effective date, or on the day it was handed out when that was later.
    const handedOut = record?.managed?.instructedAt?.slice(0, 10) ?? desired.today;
    const deadline = base.effective < handedOut ? handedOut : base.effective;
    const current = ctx.known.find((k) => k.name === ctx.link.activeRecord);
    const instructions = manualCreateInstructions({
      vendor: desired.vendor, recordName: base.record, key: base.key ?? '', effective: base.effective,
      expiration: base.expiration ?? '', secretRef, deadline, ...(current?.expiration ? { currentExpiration: current.expiration } : {}),
    });
    const pending = record?.managed?.instructedAt != null;
    ctx.out.prepare.push(action(ctx, 'instruct', `${why}; the provider is manual: a person creates it by ${deadline}`, { ...base, secretRef, instructions, deadline, pending }));
    if (pending && desired.today > deadline) {
      ctx.out.warnings.push({ code: 'ROTATION_OVERDUE', message: `access record "${base.record}" was due by ${deadline} and ${secretRef} still does not resolve` });
    }
    return;
  }
  planTest(ctx, { ...base, secretRef }, record, false);
}

function planSchoolYear(ctx: Ctx, schoolYear: number, isCurrent: boolean): void {
  const { desired } = ctx;
  const { policy, today } = desired;
  const name = recordName(policy, schoolYear);
  const record = ctx.known.find((k) => k.name === name);
  if (record?.config) return;
  if (record !== undefined && !record.active) return;
  const window = recordWindow(policy, schoolYear);
  const start = schoolYearStart(policy, schoolYear);
  const end = schoolYearEnd(policy, schoolYear);
  if (record === undefined) {
    const opens = desired.provider === 'manual' ? addDays(window.effective, -MANUAL_LEAD_DAYS) : window.effective;
    if (!isCurrent && today < opens) return;
    const from = isCurrent ? today : start;
    const served = ctx.known.some((k) => k.active && !k.failed && covers(k, from, end));
    if (served) return;
  }
  const base = {
    record: name, schoolYear, key: record?.key || recordKey(desired.baseKey, schoolYear),
    effective: record?.effective ?? window.effective, expiration: record === undefined ? window.expiration : record.expiration,
    providerId: record?.provider?.id ?? null, secretRef: record?.secretRef ?? null,
  };
  const why = `school year ${schoolYear} (${start} to ${end}) needs its record: effective ${base.effective} (rollover ${start} - ${policy.overlapDays} days overlap), expires ${base.expiration ?? 'never'}`;
  if (desired.provider === 'manual') planManual(ctx, base, record, why);
  else if (ctx.observed.provider === null) {
    ctx.out.warnings.push({ code: 'ROTATION_PROVIDER_UNREACHABLE', message: `the access-record provider could not list records (${ctx.observed.providerError ?? 'unknown error'}); rotation waits for it` });
  } else planAutomatic(ctx, base, record, why);
}

function retireReason(ctx: Ctx, record: KnownRecord): string | undefined {
  const { today, policy } = ctx.desired;
  if (isExpired(record, today)) return `expired after ${record.expiration ?? ''}`;
  const current = ctx.known.find((k) => k.name === ctx.link.activeRecord);
  if (record.expiration !== null || current?.effective == null || record.effective === null) return undefined;
  const overlapEnd = addDays(current.effective, policy.overlapDays);
  if (current.effective > record.effective && today >= overlapEnd) return `replaced by "${current.name}" and the overlap ended on ${overlapEnd}`;
  return undefined;
}

/** The link's own record is retired only when it expired and this plan promotes its replacement. */
function leavesLink(ctx: Ctx, record: KnownRecord): boolean {
  return isExpired(record, ctx.desired.today) && ctx.out.promote.some((step) => step.record !== record.name);
}

function planRetire(ctx: Ctx): void {
  for (const record of ctx.known) {
    if (!record.active || record.name === ctx.link.desiredRecord) continue;
    const inUse = record.name === ctx.link.activeRecord;
    if (inUse && !leavesLink(ctx, record)) continue;
    if (ctx.desired.provider === 'sandbox-http' && record.provider === undefined) continue;
    const found = retireReason(ctx, record);
    if (found === undefined) continue;
    const reason = inUse ? `${found} and its replacement is promoted first: deactivate it once the link has moved off it` : `${found}: deactivate it`;
    const instructions = ctx.desired.provider === 'manual' ? manualRetireInstructions(ctx.desired.vendor, record.name, record.key, found) : [];
    ctx.out.retire.push(action(ctx, 'retire', reason, {
      record: record.name, key: record.key, effective: record.effective, expiration: record.expiration,
      providerId: record.provider?.id ?? null, instructions,
    }));
  }
}

export function planRotation(desired: RotationDesired, observed: RotationObserved, link: RotationLinkView): RotationPlan {
  const ctx: Ctx = { desired, observed, link, known: knownRecords(desired, observed), out: { prepare: [], promote: [], retire: [], warnings: [] } };
  const current = schoolYearOf(desired.policy, desired.today);
  planSchoolYear(ctx, current, true);
  planSchoolYear(ctx, current + 1, false);
  planRetire(ctx);
  return ctx.out;
}

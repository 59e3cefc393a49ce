/**
 * Recovery of a link no access record covers today (its record expired, or none was ever valid).
 * Pure. The rotation plan may still prepare a record covering today and promote it once its test
 * passes; this decides what the plan says about the broken link: a warning when `apply` recovers
 * it by itself, the error otherwise, with what a person has to do.
 */
import type { PlanWarning } from '../plan/types.js';
import type { RotationPlan } from './planner.js';
import { isExpired, knownRecords } from './records.js';
import type { RotationDesired, RotationObserved } from './types.js';

/** The desired-state error recovery applies to: no access record covers today. */
export const NO_CURRENT_RECORD = 'NO_CURRENT_RECORD';

export interface UnresolvedLink {
  district: string;
  /** True when the district is linked (whatever record the link uses). */
  linked: boolean;
  /** The record the link uses now, when known. */
  activeRecord: string | undefined;
}

export interface RecoveryFinding {
  /** `warning` when the plan recovers the link (apply may run), `error` when it cannot. */
  severity: 'error' | 'warning';
  finding: PlanWarning;
}

/** What is wrong with the link today, in an admin's words. */
function linkState(desired: RotationDesired, observed: RotationObserved, link: UnresolvedLink): { code: string; text: string } {
  const today = desired.today;
  const uncovered = `no access record covers ${today}`;
  if (!link.linked) return { code: 'LINK_CREDENTIAL_MISSING', text: `the district is not linked and ${uncovered}` };
  if (link.activeRecord === undefined) return { code: 'LINK_CREDENTIAL_MISSING', text: `the link uses no known access record and ${uncovered}` };
  const record = knownRecords(desired, observed).find((known) => known.name === link.activeRecord);
  const name = JSON.stringify(link.activeRecord);
  if (record !== undefined && isExpired(record, today)) {
    return { code: 'LINK_CREDENTIAL_EXPIRED', text: `the link uses access record ${name}, which expired after ${record.expiration ?? ''}: the link no longer works and ${uncovered}` };
  }
  if (record === undefined) return { code: 'LINK_CREDENTIAL_MISSING', text: `the link uses access record ${name}, which is neither declared nor known any more, and ${uncovered}` };
  if (!record.active) return { code: 'LINK_CREDENTIAL_MISSING', text: `the link uses access record ${name}, which was deactivated, and ${uncovered}` };
  return { code: 'LINK_CREDENTIAL_MISSING', text: `the link uses access record ${name}, which does not cover today, and ${uncovered}` };
}

/** Why the rotation plan does not recover the link, and what to do about it. */
function blocker(desired: RotationDesired, rotation: RotationPlan, original: PlanWarning): string {
  const instruct = rotation.prepare.find((action) => action.step === 'instruct');
  if (instruct !== undefined) {
    return `a person must create access record ${JSON.stringify(instruct.record)} now and store its secret at ${instruct.secretRef ?? '?'} (see the rotate instruct step); sislink then tests it and switches the link by itself`;
  }
  const codes = new Set(rotation.warnings.map((warning) => warning.code));
  if (codes.has('ROTATION_PROVIDER_UNREACHABLE')) return 'rotation cannot recover it until the access-record provider answers (see ROTATION_PROVIDER_UNREACHABLE)';
  if (codes.has('ROTATION_NO_SECRET_STORE')) return 'set spec.credentials.rotation.secretStore so rotation can recover it';
  if (codes.has('ROTATION_TEST_FAILED')) return 'the replacement record failed its test (see ROTATION_TEST_FAILED); the link stays broken until a later test passes';
  if (desired.provider === 'manual') return `${original.message}, or store the secret of the record the rotation policy names`;
  return original.message;
}

/**
 * The plan's finding for a district whose desired fields did not resolve because no record covers
 * today. A planned promotion means apply prepares, tests and switches to a record covering today.
 */
export function unresolvedLinkFinding(
  desired: RotationDesired,
  observed: RotationObserved,
  link: UnresolvedLink,
  rotation: RotationPlan,
  original: PlanWarning,
): RecoveryFinding {
  const state = linkState(desired, observed, link);
  const promote = rotation.promote[0];
  if (promote === undefined) {
    return { severity: 'error', finding: { code: original.code, message: `${state.text}; ${blocker(desired, rotation, original)}` } };
  }
  const steps = [...rotation.prepare.filter((action) => action.record === promote.record).map((action) => action.step), 'promote'];
  return {
    severity: 'warning',
    finding: {
      code: state.code,
      message: `${state.text}; apply recovers it with the rotation steps ${steps.join(' -> ')} of ${JSON.stringify(promote.record)} (the link switches only once its test passes)`,
    },
  };
}

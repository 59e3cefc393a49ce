/**
 * The planner: a pure, synchronous function (desired, observed) -> DistrictPlan. No I/O here;
 * everything it needs was observed beforehand, which is what makes plans reproducible and testable.
 */
import { digest } from '../util/canonical.js';
import type { DesiredDistrict } from './desired.js';
import { CREDENTIAL_FIELDS, diffFields } from './fields.js';
import { consentStep, linkStep, unlinkStep, type ConsoleStep } from './console-steps.js';
import type { DistrictPlan, Fields, ManualAction, PlanAction, PlanWarning, VerifyAction } from './types.js';
import { isSensitive } from './fields.js';
import { addExpiredLinkWarning, addRecovery, addRotation } from '../rotation/district-plan.js';
import type { RotationObserved } from '../rotation/types.js';

export interface CredentialCheck {
  record: string;
  fingerprint: string;
  ok: boolean;
  error?: string;
}

export interface ObservedDistrict {
  name: string;
  /** Which target holds the observed link (matters when the district's file is gone). */
  target: 'connector' | 'classroom-admin';
  /** The link as its target knows it (connector: state store; classroom-admin: as last attested). */
  link: Fields | undefined;
  /** Result of testing the desired credential (token + one cheap read), when one was made. */
  credentialCheck: CredentialCheck | undefined;
  /** Manual steps handed out and not yet attested. */
  pendingSteps: { id: string; title: string }[];
  /** Rotation bookkeeping, provider records and stored-secret fingerprints (rotation policy only). */
  rotation?: RotationObserved;
}

export interface PlannerOptions {
  allowUnlink: boolean;
  /** Display name of the vendor, for console instructions. */
  vendorName?: string;
  file?: string;
}

const DUPLICATE_GRADES_RISK: PlanWarning = {
  code: 'DUPLICATE_GRADES_RISK',
  message:
    "unlinking: grades already exported stay in the SIS but are no longer updated; with Google's own link, " +
    'a later re-link can export grades twice (sislink exports use deterministic ids and do not duplicate)',
};

/** Fingerprint of what was observed; failure texts are left out so the base stays stable. */
export function observedBase(observed: ObservedDistrict): string {
  const check = observed.credentialCheck;
  const stable = { ...observed, credentialCheck: check && { record: check.record, fingerprint: check.fingerprint, ok: check.ok } };
  return digest(stable, 32);
}

function linkAddress(name: string): string {
  return `link.${name}`;
}

function verifyAction(name: string, fields: Fields, reason: string): VerifyAction | undefined {
  const secret = fields.secret;
  if (!isSensitive(secret)) return undefined;
  const record = String(fields.activeRecord);
  return {
    kind: 'verify',
    id: `verify:${record}:${secret.fingerprint}`,
    address: `credential.${name}[${JSON.stringify(record)}]`,
    reason,
    record,
    key: String(fields.key),
    secret,
  };
}

function manualAction(name: string, step: ConsoleStep, after: Fields, pendingIds: Set<string>, reason: string): ManualAction {
  const stepId = `${name}-${digest({ title: step.title, after }, 10)}`;
  return {
    kind: 'manual',
    id: `manual:${stepId}`,
    address: linkAddress(name),
    reason,
    stepId,
    title: step.title,
    instructions: step.instructions.map((line) => line.replace('<district> <step-id>', `${name} ${stepId}`)),
    values: step.values,
    pending: pendingIds.has(stepId),
    after,
  };
}

function planRemoval(desired: DesiredDistrict | undefined, observed: ObservedDistrict, plan: DistrictPlan, options: PlannerOptions): void {
  const name = observed.name;
  if (observed.link === undefined) {
    plan.actions.push({ kind: 'no-op', id: `noop:${name}`, address: linkAddress(name), reason: 'not linked, nothing to unlink' });
    return;
  }
  if (desired === undefined && !options.allowUnlink) {
    plan.warnings.push({
      code: 'UNLINK_NOT_IMPLIED',
      message: `${name} is linked but has no file any more; deleting a file never unlinks: set spec.link.enabled: false or pass --allow-unlink`,
    });
    return;
  }
  plan.warnings.push(DUPLICATE_GRADES_RISK);
  const reason = desired === undefined ? 'file removed and --allow-unlink given' : 'spec.link.enabled is false';
  if (plan.target === 'classroom-admin') {
    const pending = new Set(observed.pendingSteps.map((step) => step.id));
    plan.actions.push(manualAction(name, unlinkStep(desired?.domain ?? String(observed.link.domain ?? '')), {}, pending, reason));
    return;
  }
  plan.actions.push({ kind: 'delete', id: `delete:${linkAddress(name)}`, address: linkAddress(name), reason, before: observed.link });
}

function planConnector(desired: DesiredDistrict, after: Fields, observed: ObservedDistrict, plan: DistrictPlan): void {
  const name = desired.name;
  const address = linkAddress(name);
  const before = observed.link;
  const check = observed.credentialCheck;
  const checkFailed = check !== undefined && !check.ok;
  if (before === undefined) {
    const verify = verifyAction(name, after, 'the link must not use an untested credential');
    if (verify) plan.actions.push(verify);
    plan.actions.push({ kind: 'create', id: `create:${address}`, address, reason: 'district is not linked yet', after });
    return;
  }
  const changes = diffFields(before, after);
  if (changes.length === 0) {
    if (checkFailed) {
      const verify = verifyAction(name, after, `the link's credential fails its test: ${check.error ?? 'unknown error'}`);
      if (verify) plan.actions.push(verify);
      return;
    }
    plan.actions.push({ kind: 'no-op', id: `noop:${address}`, address, reason: 'link matches the configuration' });
    return;
  }
  const credentialChanged = changes.some((change) => (CREDENTIAL_FIELDS as readonly string[]).includes(change.field));
  if (credentialChanged || checkFailed) {
    const verify = verifyAction(name, after, 'the credential changed: test it before the link switches');
    if (verify) plan.actions.push(verify);
  }
  const fields = changes.map((change) => change.field).join(', ');
  plan.actions.push({ kind: 'update', id: `update:${address}:${digest(after, 10)}`, address, reason: `changed: ${fields}`, before, after, changes });
}

function planClassroomAdmin(desired: DesiredDistrict, after: Fields, observed: ObservedDistrict, plan: DistrictPlan, options: PlannerOptions): void {
  const name = desired.name;
  const before = observed.link;
  const pending = new Set(observed.pendingSteps.map((step) => step.id));
  const vendorName = options.vendorName ?? String(after.vendor);
  const changes = before === undefined ? [] : diffFields(before, after);
  if (before !== undefined && changes.length === 0) {
    if (observed.credentialCheck !== undefined && !observed.credentialCheck.ok) {
      const verify = verifyAction(name, after, `the link's credential fails its test: ${observed.credentialCheck.error ?? 'unknown error'}`);
      if (verify) plan.actions.push(verify);
      return;
    }
    plan.actions.push({ kind: 'no-op', id: `noop:${linkAddress(name)}`, address: linkAddress(name), reason: 'console link matches the configuration (as attested)' });
    return;
  }
  const onlyConsent = before !== undefined && changes.every((change) => change.field === 'consentSisSupport');
  if (onlyConsent) {
    plan.actions.push(manualAction(name, consentStep(after), after, pending, 'changed: consentSisSupport'));
    return;
  }
  const reason = before === undefined ? 'district is not linked yet' : `changed: ${changes.map((change) => change.field).join(', ')}`;
  const manual = manualAction(name, linkStep(after, vendorName, before !== undefined), after, pending, reason);
  // A step already handed out was tested then; it only waits for its attestation.
  const verify = manual.pending ? undefined : verifyAction(name, after, 'test the credential before a person enters it in the console');
  if (verify) plan.actions.push(verify);
  plan.actions.push(manual);
}

/** Plans one district. `desired` is undefined when the district's file is gone. */
export function planDistrict(desired: DesiredDistrict | undefined, observed: ObservedDistrict, options: PlannerOptions): DistrictPlan {
  const plan: DistrictPlan = {
    district: observed.name,
    file: desired?.file ?? options.file ?? '',
    target: desired?.target ?? observed.target,
    base: observedBase(observed),
    desiredDigest: digest(desired === undefined ? null : { enabled: desired.enabled, target: desired.target, fields: desired.fields }, 32),
    actions: [] as PlanAction[],
    warnings: [...(desired?.warnings ?? [])],
    errors: [...(desired?.errors ?? [])],
  };
  if (desired === undefined || !desired.enabled) {
    planRemoval(desired, observed, plan, options);
    return plan;
  }
  if (desired.fields === undefined) {
    addRecovery(desired, observed, plan);
    return plan;
  }
  if (desired.target === 'classroom-admin') planClassroomAdmin(desired, desired.fields, observed, plan, options);
  else planConnector(desired, desired.fields, observed, plan);
  if (desired.rotation !== undefined && observed.rotation !== undefined) {
    addRotation(desired, observed, plan);
    addExpiredLinkWarning(desired, observed, plan);
  }
  return plan;
}

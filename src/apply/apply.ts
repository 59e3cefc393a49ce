/**
 * The only code that changes the link. Per district: take the lock, settle what a dead run left,
 * observe again and refuse a stale plan, then run each action between a journaled intent and its
 * outcome, audit it, and finally observe once more to verify the result.
 */
import { randomUUID } from 'node:crypto';
import { SislinkError } from '../errors.js';
import { districtHasChanges, type DistrictPlan, type PlanAction, type Plan, type RotateAction, type VerifyAction } from '../plan/types.js';
import { linkTarget } from '../providers/link-targets.js';
import { sisUserAgent } from '../providers/user-agent.js';
import { fingerprintSecret } from '../secrets/fingerprint.js';
import type { LoadedDistrict } from '../config/types.js';
import { resolveEndpoints } from '../vendors/index.js';
import type { ReconcileContext } from '../reconcile/context.js';
import { observeDistrict, tryResolveSecret, vendorAuthorization, type Observation } from '../reconcile/observe.js';
import { APPLIED_KEY, planObservation, SOURCE_KEY, type DistrictSourceRecord } from '../reconcile/plan-run.js';
import { journaled, settleInterrupted } from './journal.js';
import { applyRotateAction } from '../rotation/apply-steps.js';

export type DistrictOutcome = 'applied' | 'unchanged' | 'failed' | 'stale' | 'skipped';

export interface DistrictApplyResult {
  district: string;
  outcome: DistrictOutcome;
  /** 'handed-out': a manual step now waits for a person and `sislink attest` (stepId). */
  actions: { id: string; kind: PlanAction['kind']; address: string; outcome: 'done' | 'handed-out' | 'failed' | 'skipped'; stepId?: string; error?: string }[];
  /** After applying, a fresh plan for the district shows no change. */
  converged: boolean | undefined;
  message?: string;
}

export interface ApplyOptions {
  lockTimeoutMs?: number;
  allowUnlink?: boolean;
}

async function runVerify(context: ReconcileContext, action: VerifyAction, loaded: LoadedDistrict, observation: Observation, configFile: string): Promise<void> {
  // A record is the file's own, or a rotation record that passed its test (the observed desired one).
  const known = loaded.config.spec.credentials.records.some((candidate) => candidate.name === action.record)
    || observation.desired?.record?.name === action.record;
  if (!known) throw new SislinkError('PLAN_STALE', `access record "${action.record}" is no longer in ${loaded.source.file}`);
  const value = await tryResolveSecret(configFile, action.secret.ref);
  if (value === undefined) throw new SislinkError('SECRET_UNRESOLVED', `secret reference ${action.secret.ref} does not resolve`);
  if (fingerprintSecret(await context.store.stateKey(), value) !== action.secret.fingerprint) {
    throw new SislinkError('PLAN_STALE', `the secret behind ${action.secret.ref} changed since the plan was made`);
  }
  const result = await context.testCredential({
    endpoints: resolveEndpoints(loaded.config),
    clientId: action.key,
    clientSecret: value,
    userAgent: sisUserAgent(loaded.config.metadata.domain, loaded.config.spec.consent.sisSupport),
    vendorAuthorization: await vendorAuthorization(loaded, configFile),
  });
  if (!result.ok) throw new SislinkError('AUTH_FAILED', `credential test of record "${action.record}" failed: ${result.error ?? 'unknown error'}`);
}

async function runAction(context: ReconcileContext, plan: DistrictPlan, action: PlanAction, planHash: string, observation: Observation, loaded: LoadedDistrict | undefined): Promise<void> {
  const target = linkTarget(context.store, plan.target);
  const at = context.now.toISOString();
  switch (action.kind) {
    case 'verify':
      if (loaded === undefined || observation.configFile === undefined) throw new SislinkError('PLAN_STALE', `${plan.district} has no configuration file any more`);
      return runVerify(context, action, loaded, observation, observation.configFile);
    case 'create':
    case 'update':
      return target.ensure(plan.district, action.after, { at, planHash });
    case 'delete':
      return target.remove(plan.district);
    case 'manual':
      if (!action.pending) await target.handOut(plan.district, action, { at, planHash });
      return;
    case 'rotate':
      throw new SislinkError('INTERNAL', 'rotation steps are applied by applyRotateAction');
    case 'no-op':
      return;
  }
}

interface RotateRun {
  context: ReconcileContext;
  plan: DistrictPlan;
  action: RotateAction;
  planHash: string;
  runId: string;
  observation: Observation;
  loaded: LoadedDistrict | undefined;
  options: ApplyOptions;
  result: DistrictApplyResult;
}

/** Runs one rotation step; false when the run must stop. A failed credential test is not fatal. */
async function runRotateAction(run: RotateRun): Promise<boolean> {
  const { context, plan, action, planHash, result } = run;
  const audit = { district: plan.district, configFile: plan.file, planHash, action: `rotate.${action.step}`, address: action.address };
  try {
    const step = await applyRotateAction({
      context, plan, action, planHash, runId: run.runId, loaded: run.loaded, configFile: run.observation.configFile, allowUnlink: run.options.allowUnlink ?? false,
      runLinkAction: (fresh, link, seen) => runAction(context, fresh, link, planHash, seen, run.loaded),
    });
    const stepId = typeof step.result.stepId === 'string' ? step.result.stepId : undefined;
    const outcome = !step.ok ? 'failed' : stepId !== undefined ? 'handed-out' : 'done';
    result.actions.push({ id: action.id, kind: action.kind, address: action.address, outcome, ...(stepId !== undefined ? { stepId } : {}), ...(step.error ? { error: step.error } : {}) });
    await context.audit.append({ event: step.ok ? 'action.applied' : 'action.failed', ...audit, outcome, ...(step.error ? { details: { error: step.error } } : {}) });
    // The link keeps its credential and the test is retried later (with backoff).
    if (!step.ok) result.message = `rotation ${action.step} of "${action.record}" failed, the link keeps its credential: ${step.error ?? 'unknown error'}`;
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    result.actions.push({ id: action.id, kind: action.kind, address: action.address, outcome: 'failed', error: message });
    await context.audit.append({ event: 'action.failed', ...audit, outcome: 'failed', details: { error: message } });
    result.outcome = 'failed';
    result.message = message;
    return false;
  }
}

/** Converged: a fresh plan has neither changes nor errors (a link still broken is not converged). */
async function verifyConverged(context: ReconcileContext, plan: DistrictPlan, loaded: LoadedDistrict | undefined, options: ApplyOptions): Promise<boolean> {
  const after = await observeDistrict(context, plan.district, loaded, plan.target);
  const fresh = planObservation(after, { allowUnlink: options.allowUnlink });
  return !districtHasChanges(fresh) && fresh.errors.length === 0;
}

export async function applyDistrict(
  context: ReconcileContext,
  plan: DistrictPlan,
  planHash: string,
  loaded: LoadedDistrict | undefined,
  options: ApplyOptions = {},
): Promise<DistrictApplyResult> {
  const result: DistrictApplyResult = { district: plan.district, outcome: 'unchanged', actions: [], converged: undefined };
  if (plan.errors.length > 0) {
    return { ...result, outcome: 'failed', message: plan.errors.map((error) => `${error.code}: ${error.message}`).join('; ') };
  }
  // The lock is taken even when nothing changes, so a run that died is settled by the next one.
  const lock = await context.store.acquireLock(plan.district, { purpose: 'apply', timeoutMs: options.lockTimeoutMs ?? 0 });
  const runId = randomUUID();
  try {
    if (lock.takenOver !== undefined) {
      const { holder, reason } = lock.takenOver;
      await context.audit.append({ event: 'lock.takeover', district: plan.district, details: { reason, host: holder.host, pid: holder.pid, since: holder.since, purpose: holder.purpose } });
    }
    const interrupted = await settleInterrupted(context.store, plan.district);
    if (interrupted > 0) {
      await context.audit.append({ event: 'run.recovered', district: plan.district, details: { interruptedSteps: interrupted } });
    }
    if (!districtHasChanges(plan)) return result;
    const observation = await observeDistrict(context, plan.district, loaded, plan.target);
    const fresh = planObservation(observation, { allowUnlink: options.allowUnlink });
    if (fresh.base !== plan.base) {
      return { ...result, outcome: 'stale', message: `the observed state of ${plan.district} changed since the plan was made; plan again` };
    }
    await context.audit.append({ event: 'run.start', district: plan.district, configFile: plan.file, planHash, details: { runId } });
    result.outcome = 'applied';
    for (const action of plan.actions) {
      if (action.kind === 'no-op' || (action.kind === 'rotate' && action.pending)) continue;
      if (action.kind === 'rotate') {
        if (await runRotateAction({ context, plan, action, planHash, runId, observation, loaded, options, result })) continue;
        break;
      }
      const entry = { runId, district: plan.district, actionId: action.id, planHash, data: { kind: action.kind, address: action.address } };
      try {
        await journaled(context.store, entry, async () => runAction(context, plan, action, planHash, observation, loaded));
        const outcome = action.kind === 'manual' ? 'handed-out' : 'done';
        result.actions.push({ id: action.id, kind: action.kind, address: action.address, outcome, ...(action.kind === 'manual' ? { stepId: action.stepId } : {}) });
        await context.audit.append({ event: 'action.applied', district: plan.district, configFile: plan.file, planHash, action: action.kind, address: action.address, outcome });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        result.actions.push({ id: action.id, kind: action.kind, address: action.address, outcome: 'failed', error: message });
        await context.audit.append({ event: 'action.failed', district: plan.district, configFile: plan.file, planHash, action: action.kind, address: action.address, outcome: 'failed', details: { error: message } });
        result.outcome = 'failed';
        result.message = message;
        break;
      }
    }
    if (result.outcome === 'applied') {
      if (observation.configFile !== undefined) {
        const source: DistrictSourceRecord = { file: observation.configFile, target: plan.target };
        await context.store.setValue(plan.district, SOURCE_KEY, source);
      }
      await context.store.setValue(plan.district, APPLIED_KEY, { desiredDigest: plan.desiredDigest, planHash, at: context.now.toISOString() });
    }
    result.converged = await verifyConverged(context, plan, loaded, options);
    await context.audit.append({
      event: 'run.finish',
      district: plan.district,
      configFile: plan.file,
      planHash,
      outcome: result.outcome,
      details: { runId, converged: result.converged, ...(result.message ? { error: result.message } : {}) },
    });
    return result;
  } finally {
    await lock.release();
  }
}

export async function applyPlan(
  context: ReconcileContext,
  plan: Plan,
  loadedByName: Map<string, LoadedDistrict>,
  options: ApplyOptions = {},
): Promise<DistrictApplyResult[]> {
  const results: DistrictApplyResult[] = [];
  for (const district of plan.districts) {
    results.push(await applyDistrict(context, district, plan.hash, loadedByName.get(district.district), options));
  }
  return results;
}

/**
 * Rotation steps inside the apply executor: each is journaled like any action (sub-steps too),
 * and promotion re-plans the district so the link moves only to a record whose test just passed.
 */
import { SislinkError } from '../errors.js';
import { journaled } from '../apply/journal.js';
import type { LoadedDistrict } from '../config/types.js';
import type { DistrictPlan, PlanAction, RotateAction } from '../plan/types.js';
import type { ReconcileContext } from '../reconcile/context.js';
import { observeDistrict, type Observation } from '../reconcile/observe.js';
import { planObservation } from '../reconcile/plan-run.js';
import { executeRotateStep, type RotationStepResult } from './execute.js';
import { emptyManaged, updateManaged } from './state.js';

export interface RotateApplyInput {
  context: ReconcileContext;
  plan: DistrictPlan;
  action: RotateAction;
  planHash: string;
  runId: string;
  loaded: LoadedDistrict | undefined;
  configFile: string | undefined;
  allowUnlink: boolean;
  /** Runs one of the link's own actions (the apply executor's runAction). */
  runLinkAction(plan: DistrictPlan, action: PlanAction, observation: Observation): Promise<void>;
}

function entry(input: RotateApplyInput, actionId: string, data: Record<string, unknown>) {
  return { runId: input.runId, district: input.plan.district, actionId, planHash: input.planHash, data };
}

/** Promotion: plan the district afresh and run its link actions when the link now moves to the record. */
async function promote(input: RotateApplyInput, loaded: LoadedDistrict): Promise<RotationStepResult> {
  const { context, plan, action } = input;
  const observation = await observeDistrict(context, plan.district, loaded, plan.target);
  const fresh = planObservation(observation, { allowUnlink: input.allowUnlink });
  const before = observation.observed.link?.activeRecord;
  if (fresh.errors.length > 0 || observation.desired?.record?.name !== action.record) {
    return { ok: true, result: { promoted: false, reason: 'the record is not the one the link should use (its test did not pass)' } };
  }
  let handedOut: string | undefined;
  for (const step of fresh.actions) {
    if (step.kind === 'rotate' || step.kind === 'no-op' || (step.kind === 'manual' && step.pending)) continue;
    await journaled(context.store, entry(input, step.id, { kind: step.kind, address: step.address, for: action.id }), async () => input.runLinkAction(fresh, step, observation));
    if (step.kind === 'manual') handedOut = step.stepId;
    await context.audit.append({
      event: 'action.applied', district: plan.district, configFile: plan.file, planHash: input.planHash, action: step.kind, address: step.address,
      outcome: step.kind === 'manual' ? 'handed-out' : 'done',
    });
  }
  const at = context.now.toISOString();
  if (handedOut === undefined) await updateManaged(context.store, plan.district, action.record, (current) => ({ ...(current ?? emptyManaged(action.record, action.key, '')), promotedAt: current?.promotedAt ?? at }));
  await context.audit.append({
    event: 'rotation.promote', district: plan.district, configFile: plan.file, planHash: input.planHash, action: 'rotate.promote', address: action.address,
    outcome: handedOut !== undefined ? 'handed-out' : 'done', details: { record: action.record, from: typeof before === 'string' ? before : null, at, target: plan.target },
  });
  // The console step's id: apply names it with the attest command.
  return { ok: true, result: { promoted: handedOut === undefined, handedOut: handedOut !== undefined, ...(handedOut !== undefined ? { stepId: handedOut } : {}) } };
}

export async function applyRotateAction(input: RotateApplyInput): Promise<RotationStepResult> {
  const { loaded, configFile, action } = input;
  if (loaded === undefined || configFile === undefined) throw new SislinkError('PLAN_STALE', `${input.plan.district} has no configuration file any more`);
  const data = { kind: action.kind, step: action.step, address: action.address };
  return journaled(input.context.store, entry(input, action.id, data), async () => {
    if (action.step === 'promote') return promote(input, loaded);
    let sub = 0;
    return executeRotateStep({
      context: input.context, district: input.plan.district, loaded, configFile,
      journal: (name, effect) => journaled(input.context.store, entry(input, `${action.id}:${name}:${(sub += 1)}`, { ...data, sub: name }), effect),
    }, action);
  });
}

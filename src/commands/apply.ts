import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { loadDistrictsOrThrow } from '../config/load.js';
import type { LoadedDistrict } from '../config/types.js';
import { SislinkError } from '../errors.js';
import { applyPlan, type DistrictApplyResult } from '../apply/apply.js';
import { renderPlan } from '../plan/render.js';
import { planHasChanges } from '../plan/plan.js';
import type { Plan } from '../plan/types.js';
import { planDistricts, planObservation } from '../reconcile/plan-run.js';
import { observeDistrict } from '../reconcile/observe.js';
import type { ReconcileContext } from '../reconcile/context.js';
import { openReconcileContext, type ContextOptions } from './context.js';
import { isPlanFile, readPlanFile } from './saved-plan.js';

export interface ApplyCommandOptions extends ContextOptions {
  targets: string[];
  autoApprove: boolean;
  lockTimeoutMs?: number;
  allowUnlink?: boolean;
  write?: (text: string) => void;
  /** Asks the person at the terminal; undefined when there is none. */
  confirm?: (question: string) => Promise<boolean>;
}

export async function terminalConfirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(`${question} Only 'yes' will be accepted: `);
    return answer.trim() === 'yes';
  } finally {
    prompt.close();
  }
}

const OUTCOME_WORDS = { done: 'done', 'handed-out': 'handed out', failed: 'FAILED', skipped: 'skipped' } as const;

function renderAction(district: string, action: DistrictApplyResult['actions'][number]): string {
  const head = `    ${OUTCOME_WORDS[action.outcome]} ${action.kind} ${action.address}`;
  if (action.error !== undefined) return `${head}: ${action.error}`;
  if (action.stepId !== undefined) return `${head}: step ${action.stepId} waits for a person; once done: sislink attest ${district} ${action.stepId}`;
  return head;
}

export function renderResults(results: DistrictApplyResult[]): string {
  const lines = results.map((result) => {
    const steps = result.actions.map((action) => renderAction(result.district, action));
    const waiting = result.actions.filter((action) => action.outcome === 'handed-out').length;
    const notes = [
      ...(result.converged === undefined ? [] : [result.converged ? 'verified: no changes left' : 'verification: changes or errors remain']),
      ...(waiting > 0 ? [`${waiting} manual step${waiting === 1 ? '' : 's'} pending attestation`] : []),
    ];
    const converged = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    return [`${result.district}: ${result.outcome}${converged}${result.message && result.outcome !== 'failed' ? `: ${result.message}` : ''}`, ...steps].join('\n');
  });
  return `${lines.join('\n')}\n`;
}

function loadedByName(districts: LoadedDistrict[]): Map<string, LoadedDistrict> {
  return new Map(districts.map((district) => [district.config.metadata.name, district]));
}

/** Refuses a saved plan before touching anything when any district's observed state moved. */
async function staleDistricts(context: ReconcileContext, plan: Plan, loaded: Map<string, LoadedDistrict>, allowUnlink: boolean): Promise<string[]> {
  const stale: string[] = [];
  for (const district of plan.districts) {
    const observation = await observeDistrict(context, district.district, loaded.get(district.district), district.target);
    if (planObservation(observation, { allowUnlink }).base !== district.base) stale.push(district.district);
  }
  return stale;
}

export async function runApply(options: ApplyCommandOptions): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const savedPlan = options.targets.length === 1 && (await isPlanFile(resolve(cwd, options.targets[0] ?? '')));
  let plan: Plan;
  let districts: LoadedDistrict[];
  const context = await openReconcileContext({ ...options, cwd });
  try {
    if (savedPlan) {
      plan = await readPlanFile(resolve(cwd, options.targets[0] ?? ''));
      const files = [...new Set(plan.districts.map((district) => district.file).filter((file) => file !== ''))];
      districts = (await loadDistrictsOrThrow(files, { cwd })).districts;
      const stale = await staleDistricts(context, plan, loadedByName(districts), options.allowUnlink ?? false);
      if (stale.length > 0) {
        throw new SislinkError('PLAN_STALE', `saved plan is stale: the observed state of ${stale.join(', ')} changed since it was made; nothing was applied; run plan again`);
      }
    } else {
      districts = (await loadDistrictsOrThrow(options.targets, { cwd })).districts;
      plan = (await planDistricts(context, options.targets, districts, { allowUnlink: options.allowUnlink })).plan;
    }
    write(renderPlan(plan, 'text'));
    if (!planHasChanges(plan) && plan.districts.every((district) => district.errors.length === 0)) {
      // Still visits each district: takes over locks and settles journals a dead run left behind.
      await applyPlan(context, plan, loadedByName(districts), { lockTimeoutMs: options.lockTimeoutMs, allowUnlink: options.allowUnlink });
      write('No changes. The link matches the configuration.\n');
      return 0;
    }
    // A saved plan was reviewed when it was made; like terraform, applying it asks nothing more.
    if (!options.autoApprove && !savedPlan) {
      if (options.confirm === undefined) {
        throw new SislinkError('APPLY_REFUSED', 'refusing to apply without a terminal to confirm; pass --auto-approve');
      }
      if (!(await options.confirm('Apply this plan?'))) {
        write('Apply cancelled.\n');
        return 1;
      }
    }
    const results = await applyPlan(context, plan, loadedByName(districts), { lockTimeoutMs: options.lockTimeoutMs, allowUnlink: options.allowUnlink });
    write(renderResults(results));
    return results.some((result) => result.outcome === 'failed' || result.outcome === 'stale') ? 1 : 0;
  } finally {
    await context.close();
  }
}

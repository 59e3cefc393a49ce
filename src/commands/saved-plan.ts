import { readFile } from 'node:fs/promises';
import { SislinkError } from '../errors.js';
import { planHash } from '../plan/plan.js';
import type { Plan } from '../plan/types.js';

/** Reads a plan written by `plan --out`, refusing one that was edited or is not a plan. */
export async function readPlanFile(path: string): Promise<Plan> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SislinkError('PLAN_INVALID', `${path}: not a readable sislink plan (${reason})`);
  }
  const plan = parsed as Plan;
  if (typeof plan !== 'object' || plan === null || plan.formatVersion !== 1 || !Array.isArray(plan.districts) || typeof plan.hash !== 'string') {
    throw new SislinkError('PLAN_INVALID', `${path}: not a sislink plan (expected formatVersion 1 with districts and hash)`);
  }
  if (planHash(plan) !== plan.hash) {
    throw new SislinkError('PLAN_INVALID', `${path}: the plan was modified after it was written (hash mismatch)`);
  }
  return plan;
}

export async function isPlanFile(path: string): Promise<boolean> {
  if (!path.endsWith('.json')) return false;
  try {
    const head = (await readFile(path, 'utf8')).slice(0, 200);
    return head.includes('"formatVersion"');
  } catch {
    return false;
  }
}

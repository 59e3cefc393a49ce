/**
 * One district run, the same work `sislink reconcile`, `sislink export run` and `sislink roster
 * apply` do for a district: observe, plan and apply its link, run one export job, or run its
 * roster import. The worker's shared state store and audit log are reused across runs; only the
 * clock is per run.
 */
import { relative, resolve, sep } from 'node:path';
import type { LoadedDistrict } from '../config/types.js';
import { SislinkError } from '../errors.js';
import { applyPlan } from '../apply/apply.js';
import { runExportJob } from '../jobs/export/run.js';
import { reconcileRoster } from '../jobs/roster/index.js';
import type { ConnectionOptions } from '../jobs/connection.js';
import { assemblePlan } from '../plan/plan.js';
import type { ReconcileContext } from '../reconcile/context.js';
import { observeDistrict } from '../reconcile/observe.js';
import { planObservation } from '../reconcile/plan-run.js';
import type { RunJobData } from './queue.js';
import type { RunOutcome } from './runs.js';

export interface ExecuteDeps {
  /** Context of the run, with the run's clock. */
  context: ReconcileContext;
  /** The worker's districts as loaded now (a file changed since queueing is run as it is now). */
  districts: { get(name: string): LoadedDistrict | undefined };
  /** Looks at the district files again: a run may come before this worker's scheduler saw a new file. */
  reload?: () => Promise<unknown>;
  connections?: ConnectionOptions;
}

/**
 * Plans one district by its file. Unlike a directory plan it does not look for districts whose
 * file vanished: the fleet schedules only districts it has files for, and that scan reads every
 * district of the store (too slow once per run in a fleet of thousands).
 */
async function reconcileDistrict(context: ReconcileContext, district: LoadedDistrict): Promise<RunOutcome> {
  const name = district.config.metadata.name;
  const observation = await observeDistrict(context, name, district, district.config.spec.link.target);
  const districtPlan = planObservation(observation, {});
  const file = relative(context.cwd, resolve(context.cwd, district.source.file)).split(sep).join('/');
  const plan = assemblePlan([{ ...districtPlan, file }], context.now);
  const [result] = await applyPlan(context, plan, new Map([[name, district]]));
  if (result === undefined) return { ok: false, error: `${name}: nothing was planned` };
  const summary = { outcome: result.outcome, converged: result.converged ?? null, actions: result.actions.length, planHash: plan.hash };
  if (result.outcome === 'failed' || result.outcome === 'stale') {
    return { ok: false, summary, error: result.message ?? `${name}: apply ${result.outcome}` };
  }
  return { ok: true, summary };
}

async function exportDistrict(deps: ExecuteDeps, district: LoadedDistrict, jobName: string): Promise<RunOutcome> {
  const name = district.config.metadata.name;
  const job = district.config.spec.exports.find((candidate) => candidate.name === jobName);
  if (job === undefined) return { ok: false, error: `${name}: no export job "${jobName}" in ${district.source.file}` };
  const summary = await runExportJob({
    store: deps.context.store, district, job, mode: 'run', now: deps.context.now, connections: deps.connections, audit: deps.context.audit,
  });
  const brief = { written: summary.written, deleted: summary.deleted, unchanged: summary.unchanged, failed: summary.failed };
  if (summary.failed > 0) {
    const first = summary.failures[0];
    return { ok: false, summary: brief, error: `${summary.failed} item(s) failed${first ? `, first: ${first.error}` : ''}` };
  }
  return { ok: true, summary: brief };
}

/**
 * The roster import, as `sislink reconcile` runs it when its schedule is due. A run the safety
 * rails refused, or with failed items, fails (and is retried: the SIS roster may be back by then).
 */
async function rosterDistrict(deps: ExecuteDeps, district: LoadedDistrict, jobName: string): Promise<RunOutcome> {
  const name = district.config.metadata.name;
  const job = district.config.spec.rosterImport;
  if (job === undefined || job.name !== jobName) return { ok: false, error: `${name}: no roster import "${jobName}" in ${district.source.file}` };
  const report = await reconcileRoster(deps.context.store, district, { now: deps.context.now, connections: deps.connections, audit: deps.context.audit });
  if (report === undefined) return { ok: false, error: `${name}: the roster import is switched off (dataExchange.rosterImport)` };
  const applied = report.applied;
  const summary = { outcome: report.outcome, planned: report.planned.total, applied: applied === undefined ? 0 : Object.values(applied.applied).reduce((sum, n) => sum + n, 0), failed: applied?.failed ?? 0 };
  if (report.outcome === 'refused') return { ok: false, summary, error: `${name}: roster import refused: ${report.refused?.message.split('\n')[0] ?? 'safety rails'}` };
  if (report.outcome === 'partial') {
    const first = applied?.failures[0];
    return { ok: false, summary, error: `${summary.failed} roster change(s) failed${first ? `, first: ${first.kind} ${first.alias}: ${first.error}` : ''}` };
  }
  return { ok: true, summary };
}

/** Runs one queued run; errors become a failed outcome (pg-boss retries it). */
export async function executeRun(deps: ExecuteDeps, data: RunJobData): Promise<RunOutcome> {
  try {
    let district = deps.districts.get(data.district);
    if (district === undefined && deps.reload !== undefined) {
      await deps.reload();
      district = deps.districts.get(data.district);
    }
    // Failed rather than skipped: a retry may reach a worker that has the file (a deploy in progress).
    if (district === undefined) {
      throw new SislinkError('CONFIG_NOT_FOUND', `district "${data.district}" has no valid district file on this worker (removed, or not deployed here yet): not run`);
    }
    switch (data.kind) {
      case 'reconcile': return await reconcileDistrict(deps.context, district);
      case 'export': return await exportDistrict(deps, district, data.job);
      case 'roster': return await rosterDistrict(deps, district, data.job);
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

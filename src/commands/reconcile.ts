import { loadDistrictsOrThrow } from '../config/load.js';
import { applyPlan } from '../apply/apply.js';
import { districtHasChanges } from '../plan/types.js';
import { planDistricts, APPLIED_KEY } from '../reconcile/plan-run.js';
import { openReconcileContext, type ContextOptions } from './context.js';
import { renderResults } from './apply.js';
import { runDueJobs, scheduleAllows } from '../jobs/scheduled.js';
import { reconcileRoster, renderRosterReportText } from '../jobs/roster/index.js';
import type { RosterReport } from '../jobs/roster/report.js';
import type { ConnectionOptions } from '../jobs/connection.js';

export interface ReconcileCommandOptions extends ContextOptions {
  paths: string[];
  lockTimeoutMs?: number;
  format: 'text' | 'json';
  write?: (text: string) => void;
  /** Run the data-exchange jobs whose cron schedule is due (default true). */
  jobs?: boolean;
  connections?: ConnectionOptions;
}

export type ChangeCause = 'config' | 'drift' | 'none';

/**
 * Plan and apply in one non-interactive run. A change is "drift" when the configuration is the one
 * last applied (the actual state moved), and a "config" change otherwise.
 */
export async function runReconcile(options: ReconcileCommandOptions): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const { districts } = await loadDistrictsOrThrow(options.paths, { cwd });
  const context = await openReconcileContext({ ...options, cwd });
  try {
    const { plan } = await planDistricts(context, options.paths, districts, {});
    const causes = new Map<string, ChangeCause>();
    for (const district of plan.districts) {
      if (!districtHasChanges(district)) {
        causes.set(district.district, 'none');
        continue;
      }
      const applied = await context.store.getValue<{ desiredDigest: string }>(district.district, APPLIED_KEY);
      causes.set(district.district, applied?.desiredDigest === district.desiredDigest ? 'drift' : 'config');
    }
    const loaded = new Map(districts.map((district) => [district.config.metadata.name, district]));
    const results = await applyPlan(context, plan, loaded, { lockTimeoutMs: options.lockTimeoutMs });
    const jobs = options.jobs === false ? [] : await runDueJobs(context.store, districts, context.now, options.connections, context.audit);
    const rosters: RosterReport[] = [];
    if (options.jobs !== false) {
      for (const district of districts) {
        const linked = results.find((result) => result.district === district.config.metadata.name);
        if (linked === undefined || linked.outcome === 'failed' || linked.outcome === 'stale') continue;
        const job = district.config.spec.rosterImport;
        if (job === undefined || !(await scheduleAllows(context.store, district, `roster:${job.name}`, job.schedule, context.now))) continue;
        const report = await reconcileRoster(context.store, district, { now: context.now, connections: options.connections, audit: context.audit });
        if (report !== undefined) rosters.push(report);
      }
    }
    const rosterFailed = rosters.some((report) => report.outcome === 'refused' || report.outcome === 'partial');
    const failed = rosterFailed || results.some((result) => result.outcome === 'failed' || result.outcome === 'stale') || jobs.some((job) => job.outcome === 'failed');
    if (options.format === 'json') {
      const report = results.map((result) => ({ ...result, cause: causes.get(result.district) ?? 'none' }));
      write(`${JSON.stringify({ now: plan.now, planHash: plan.hash, districts: report, jobs, rosters }, null, 2)}\n`);
    } else {
      const drift = [...causes].filter(([, cause]) => cause === 'drift').map(([name]) => name);
      const config = [...causes].filter(([, cause]) => cause === 'config').map(([name]) => name);
      write(`drift (actual state changed, configuration did not): ${drift.length === 0 ? 'none' : drift.join(', ')}\n`);
      write(`configuration changes: ${config.length === 0 ? 'none' : config.join(', ')}\n`);
      write(renderResults(results));
      for (const job of jobs) write(`job ${job.district}/${job.job} (${job.kind}): ${job.outcome}${job.error ? `: ${job.error}` : ''}\n`);
      for (const roster of rosters) write(renderRosterReportText(roster));
    }
    return failed ? 1 : 0;
  } finally {
    await context.close();
  }
}

/** Runs the data-exchange jobs whose schedule is due, for reconcile and the fleet workers. */
import type { LoadedDistrict } from '../config/types.js';
import type { StateStore } from '../state/types.js';
import type { ConnectionOptions } from './connection.js';
import { runExportJob } from './export/run.js';
import { isDue } from './schedule.js';
import type { AuditSink } from '../reconcile/context.js';

export interface JobRunReport {
  district: string;
  job: string;
  kind: 'grade-export';
  outcome: 'succeeded' | 'failed';
  summary?: unknown;
  error?: string;
}

/** A job without a schedule runs on every reconcile; one with a schedule when a tick is due. */
export async function scheduleAllows(store: StateStore, district: LoadedDistrict, kind: string, schedule: string | undefined, now: Date): Promise<boolean> {
  if (schedule === undefined) return true;
  return isDue(schedule, district.config.metadata.timezone, now, await lastStart(store, district.config.metadata.name, kind));
}

async function lastStart(store: StateStore, district: string, kind: string): Promise<string | undefined> {
  const runs = await store.listRuns(district, 50);
  return runs.filter((run) => run.kind === kind).map((run) => run.startedAt).sort().at(-1);
}

export async function runDueJobs(store: StateStore, districts: LoadedDistrict[], now: Date, connections?: ConnectionOptions, audit?: AuditSink): Promise<JobRunReport[]> {
  const reports: JobRunReport[] = [];
  for (const district of districts) {
    const { metadata, spec } = district.config;
    if (!spec.link.enabled || spec.link.target !== 'connector' || !spec.dataExchange.gradeExport) continue;
    for (const job of spec.exports) {
      if (!isDue(job.schedule, metadata.timezone, now, await lastStart(store, metadata.name, `export:${job.name}`))) continue;
      try {
        const summary = await runExportJob({ store, district, job, mode: 'run', now, connections, audit });
        reports.push({ district: metadata.name, job: job.name, kind: 'grade-export', outcome: summary.failed > 0 ? 'failed' : 'succeeded', summary });
      } catch (error) {
        reports.push({ district: metadata.name, job: job.name, kind: 'grade-export', outcome: 'failed', error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return reports;
}

/** What `fleet status` reads from the fleet tables and pg-boss's job table. */
import type { FleetDb } from './dispatch.js';
import { QUEUE_NAME, type RunKind } from './settings.js';
import { silentWorker } from './schema.js';

export interface RunRow {
  district: string;
  kind: RunKind;
  job: string;
  tick: Date;
  attempt: number;
  max_attempts: number;
  worker: string;
  started_at: Date;
  finished_at: Date | null;
  outcome: 'running' | 'succeeded' | 'failed' | 'interrupted';
  error: string | null;
}

export interface FailureRow extends RunRow {
  tick_state: 'queued' | 'failed';
}

export interface TickRow {
  district: string;
  kind: RunKind;
  job: string;
  tick: Date;
  state: 'pending' | 'queued' | 'succeeded' | 'failed';
}

export interface WorkerRow {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  started_at: Date;
  seen_at: Date;
  stopped_at: Date | null;
  /** Missed three heartbeats without stopping (see silentWorker). */
  silent: boolean;
}

export interface FleetRows {
  lastRuns: RunRow[];
  failures: FailureRow[];
  openTicks: TickRow[];
  latestTicks: TickRow[];
  workers: WorkerRow[];
  queue: Record<string, number>;
}

const RUN_COLUMNS = 'r.district, r.kind, r.job, r.tick, r.attempt, r.max_attempts, r.worker, r.started_at, r.finished_at, r.outcome, r.error';

export async function readFleetRows(fleet: FleetDb): Promise<FleetRows> {
  const { db, schema, queueSchema } = fleet;
  const lastRuns = await db.query<RunRow>(
    `SELECT DISTINCT ON (r.district) ${RUN_COLUMNS} FROM ${schema}.runs r ORDER BY r.district, r.started_at DESC, r.id DESC`,
  );
  // Failed attempts of ticks that have not succeeded since: retrying (queued) or failed for good.
  const failures = await db.query<FailureRow>(
    `SELECT ${RUN_COLUMNS}, t.state AS tick_state FROM ${schema}.runs r
     JOIN ${schema}.ticks t ON t.job_id = r.job_id
     WHERE r.outcome IN ('failed', 'interrupted') AND t.state IN ('queued', 'failed')
     ORDER BY r.district, r.started_at DESC, r.id DESC`,
  );
  const openTicks = await db.query<TickRow>(
    `SELECT district, kind, job, tick, state FROM ${schema}.ticks WHERE state IN ('pending', 'queued') ORDER BY district, tick`,
  );
  const latestTicks = await db.query<TickRow>(
    `SELECT DISTINCT ON (district, kind, job) district, kind, job, tick, state FROM ${schema}.ticks ORDER BY district, kind, job, tick DESC`,
  );
  const workers = await db.query<WorkerRow>(`SELECT w.*, ${silentWorker('w')} AS silent FROM ${schema}.workers w ORDER BY w.id`);
  const states = await db.query<{ state: string; count: string }>(
    `SELECT state::text AS state, count(*) AS count FROM ${queueSchema}.job WHERE name = $1 GROUP BY state`, [QUEUE_NAME],
  ).catch(() => []);
  const queue = Object.fromEntries(states.map((row) => [row.state, Number(row.count)]));
  return { lastRuns, failures, openTicks, latestTicks, workers, queue };
}

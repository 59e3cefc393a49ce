/**
 * From due ticks to queued runs, exactly once across every worker:
 *   record    insert each due tick once (primary key district, kind, job, tick)
 *   dispatch  for each district with no run outstanding, queue its oldest pending tick, in one
 *             transaction with the pg-boss insert, under one advisory lock
 *   settle    close ticks whose run ended without a worker recording it (the last attempt of a
 *             dead worker expired, or someone cancelled it)
 * A district therefore has at most one run queued or running: reconcile and export never overlap
 * and the queue never holds a run that must wait behind another of the same district.
 */
import { randomUUID } from 'node:crypto';
import type { PgDatabase, Queryable } from '../state/postgres/db.js';
import type { FleetQueue, QueuedJob } from './queue.js';
import { FLEET_LOCK_CLASS } from './schema.js';
import { QUEUE_NAME, type RunKind } from './settings.js';
import type { DueTick } from './ticks.js';

export interface FleetDb {
  db: PgDatabase;
  /** Fleet tables' schema. */
  schema: string;
  /** pg-boss's schema. */
  queueSchema: string;
}

const DISPATCH_LIMIT = 5000;

/** Inserts the ticks not seen before; returns how many were new. */
export async function recordTicks(fleet: FleetDb, ticks: DueTick[]): Promise<number> {
  if (ticks.length === 0) return 0;
  return fleet.db.execute(
    `INSERT INTO ${fleet.schema}.ticks (district, kind, job, tick)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
     ON CONFLICT DO NOTHING`,
    [ticks.map((t) => t.district), ticks.map((t) => t.kind), ticks.map((t) => t.job), ticks.map((t) => t.tick.toISOString())],
  );
}

/** Ends queued ticks whose pg-boss job is over (or gone) though no worker recorded the end. */
async function settle(fleet: FleetDb, tx: Queryable): Promise<void> {
  const { schema, queueSchema } = fleet;
  const ended = await tx.query<{ job_id: string }>(
    `WITH ended AS (
       SELECT t.district, t.kind, t.job, t.tick, t.job_id, COALESCE(j.state::text, a.state::text) AS job_state
       FROM ${schema}.ticks t
       LEFT JOIN ${queueSchema}.job j ON j.name = $1 AND j.id = t.job_id
       LEFT JOIN ${queueSchema}.archive a ON a.name = $1 AND a.id = t.job_id
       WHERE t.state = 'queued'
     )
     UPDATE ${schema}.ticks t
     SET state = CASE WHEN e.job_state = 'completed' THEN 'succeeded' ELSE 'failed' END, finished_at = now()
     FROM ended e
     WHERE t.district = e.district AND t.kind = e.kind AND t.job = e.job AND t.tick = e.tick
       AND (e.job_state IS NULL OR e.job_state IN ('completed', 'failed', 'cancelled'))
     RETURNING t.job_id`,
    [QUEUE_NAME],
  );
  if (ended.length === 0) return;
  await tx.query(
    `UPDATE ${schema}.runs SET outcome = 'interrupted', finished_at = now(), error = COALESCE(error, 'the worker stopped during this attempt')
     WHERE outcome = 'running' AND job_id = ANY($1::uuid[])`,
    [ended.map((row) => row.job_id)],
  );
}

interface Candidate {
  district: string;
  kind: RunKind;
  job: string;
  tick: Date;
}

/**
 * Queues the oldest pending tick of every district that has nothing outstanding (or of one
 * district; `among` limits it to the districts the caller has files for, so a removed district's
 * pending ticks wait instead of being queued to fail). A pending reconcile goes first, since exports and
 * roster imports use the link as last applied.
 * Returns how many runs were queued.
 */
export async function dispatch(fleet: FleetDb, queue: FleetQueue, options: { district?: string; among?: readonly string[] } = {}): Promise<number> {
  const { schema } = fleet;
  return fleet.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [FLEET_LOCK_CLASS, `${schema}/dispatch`]);
    if (options.district === undefined) await settle(fleet, tx);
    const candidates = await tx.query<Candidate>(
      `SELECT DISTINCT ON (t.district) t.district, t.kind, t.job, t.tick
       FROM ${schema}.ticks t
       WHERE t.state = 'pending' AND ($2::text IS NULL OR t.district = $2) AND ($3::text[] IS NULL OR t.district = ANY($3::text[]))
         AND NOT EXISTS (SELECT 1 FROM ${schema}.ticks o WHERE o.district = t.district AND o.state = 'queued')
       ORDER BY t.district, (t.kind <> 'reconcile'), t.tick, t.kind, t.job
       LIMIT $1`,
      [DISPATCH_LIMIT, options.district ?? null, options.among ?? null],
    );
    if (candidates.length === 0) return 0;
    const jobs: QueuedJob[] = candidates.map((c) => ({
      id: randomUUID(),
      data: { kind: c.kind, district: c.district, job: c.job, tick: c.tick.toISOString() },
    }));
    await tx.query(
      `UPDATE ${schema}.ticks t SET state = 'queued', job_id = u.job_id, queued_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::uuid[]) AS u(district, kind, job, tick, job_id)
       WHERE t.district = u.district AND t.kind = u.kind AND t.job = u.job AND t.tick = u.tick`,
      [jobs.map((j) => j.data.district), jobs.map((j) => j.data.kind), jobs.map((j) => j.data.job), jobs.map((j) => j.data.tick), jobs.map((j) => j.id)],
    );
    await queue.insert(jobs, tx);
    return jobs.length;
  });
}

/**
 * Attempts of queued ticks: one row per attempt, opened when a worker takes the job and closed in
 * the same transaction that completes or fails the job in pg-boss, so the fleet's record and the
 * queue never disagree. A tick already finished (its job ran again after an expiry) is skipped.
 */
import { hostname } from 'node:os';
import { redact } from '../secrets/redact.js';
import type { FleetDb } from './dispatch.js';
import type { FetchedJob, FleetQueue } from './queue.js';

export interface RunOutcome {
  ok: boolean;
  summary?: Record<string, unknown>;
  error?: string;
}

export interface OpenRun {
  id: number;
  job: FetchedJob;
}

/**
 * Opens an attempt; undefined when the tick is already finished (nothing left to run). One
 * statement (its own transaction): the tick row is locked, an earlier attempt still "running"
 * (its worker died or was declared dead) is closed as interrupted, and the attempt is inserted.
 */
export async function openRun(fleet: FleetDb, job: FetchedJob, worker: string): Promise<OpenRun | undefined> {
  const { schema } = fleet;
  const { district, kind, job: jobName, tick } = job.data;
  const [inserted] = await fleet.db.query<{ id: string }>(
    `WITH tick AS (
       SELECT state, job_id FROM ${schema}.ticks WHERE district = $2 AND kind = $3 AND job = $4 AND tick = $5 FOR UPDATE
     ), open AS (
       SELECT NOT EXISTS (SELECT 1 FROM tick WHERE state <> 'queued' OR job_id IS DISTINCT FROM $1) AS ok
     ), interrupted AS (
       UPDATE ${schema}.runs SET outcome = 'interrupted', finished_at = now(), error = 'the worker stopped during this attempt'
       WHERE job_id = $1 AND outcome = 'running' AND (SELECT ok FROM open)
     )
     INSERT INTO ${schema}.runs (job_id, district, kind, job, tick, attempt, max_attempts, worker, host, pid, started_at)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now() WHERE (SELECT ok FROM open)
     RETURNING id`,
    [job.id, district, kind, jobName, tick, job.attempt, job.maxAttempts, worker, hostname(), process.pid],
  );
  return inserted === undefined ? undefined : { id: Number(inserted.id), job };
}

export type CloseResult = 'superseded' | 'closed' | 'closed-more-pending';

/**
 * Closes an attempt and completes or fails its job. 'superseded' when a newer attempt took over;
 * 'closed-more-pending' when the district's tick ended and another tick of it waits.
 */
export async function closeRun(fleet: FleetDb, queue: FleetQueue, run: OpenRun, outcome: RunOutcome): Promise<CloseResult> {
  const { schema } = fleet;
  const { job } = run;
  const final = outcome.ok || job.attempt >= job.maxAttempts;
  return fleet.db.transaction(async (tx) => {
    // One statement closes the attempt, ends the tick when this attempt is its last, and looks for
    // another tick of the district waiting behind it.
    const [row] = await tx.query<{ closed: boolean; pending: boolean }>(
      `WITH closed AS (
         UPDATE ${schema}.runs SET outcome = $2, finished_at = now(), error = $3, summary = $4
         WHERE id = $1 AND outcome = 'running' RETURNING 1
       ), ended AS (
         UPDATE ${schema}.ticks SET state = $2, finished_at = now()
         WHERE job_id = $5 AND state = 'queued' AND $6 AND EXISTS (SELECT 1 FROM closed) RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM closed) AS closed,
              EXISTS (SELECT 1 FROM ${schema}.ticks WHERE district = $7 AND state = 'pending') AS pending`,
      [run.id, outcome.ok ? 'succeeded' : 'failed', outcome.error === undefined ? null : redact(outcome.error),
        outcome.summary === undefined ? null : JSON.stringify(outcome.summary), job.id, final, job.data.district],
    );
    if (row?.closed !== true) return 'superseded';
    if (outcome.ok) await queue.complete(job.id, { runId: run.id }, tx);
    else await queue.fail(job.id, redact(outcome.error ?? 'failed'), tx);
    if (!final) return 'closed';
    return row.pending ? 'closed-more-pending' : 'closed';
  });
}

/** Gives a job back to the queue (shutdown before it started or while it ran). */
export async function releaseRun(fleet: FleetDb, queue: FleetQueue, run: OpenRun, reason: string): Promise<void> {
  await fleet.db.transaction(async (tx) => {
    await tx.execute(
      `UPDATE ${fleet.schema}.runs SET outcome = 'interrupted', finished_at = now(), error = $2 WHERE id = $1 AND outcome = 'running'`,
      [run.id, reason],
    );
    await queue.fail(run.job.id, reason, tx);
  });
}

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

/** Opens an attempt; undefined when the tick is already finished (nothing left to run). */
export async function openRun(fleet: FleetDb, job: FetchedJob, worker: string): Promise<OpenRun | undefined> {
  const { schema } = fleet;
  const { district, kind, job: jobName, tick } = job.data;
  return fleet.db.transaction(async (tx) => {
    const [row] = await tx.query<{ state: string; job_id: string | null }>(
      `SELECT state, job_id FROM ${schema}.ticks WHERE district = $1 AND kind = $2 AND job = $3 AND tick = $4 FOR UPDATE`,
      [district, kind, jobName, tick],
    );
    if (row !== undefined && (row.state !== 'queued' || row.job_id !== job.id)) return undefined;
    // An earlier attempt still "running" belonged to a worker that died or was declared dead.
    await tx.query(
      `UPDATE ${schema}.runs SET outcome = 'interrupted', finished_at = now(), error = 'the worker stopped during this attempt'
       WHERE job_id = $1 AND outcome = 'running'`,
      [job.id],
    );
    const [inserted] = await tx.query<{ id: string }>(
      `INSERT INTO ${schema}.runs (job_id, district, kind, job, tick, attempt, max_attempts, worker, host, pid, started_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now()) RETURNING id`,
      [job.id, district, kind, jobName, tick, job.attempt, job.maxAttempts, worker, hostname(), process.pid],
    );
    return { id: Number(inserted?.id), job };
  });
}

export type CloseResult = 'superseded' | 'closed' | 'closed-more-pending';

/**
 * Closes an attempt and completes or fails its job. 'superseded' when a newer attempt took over;
 * 'closed-more-pending' when the district's tick ended and another tick of it waits.
 */
export async function closeRun(fleet: FleetDb, queue: FleetQueue, run: OpenRun, outcome: RunOutcome): Promise<CloseResult> {
  const { schema } = fleet;
  const { job } = run;
  return fleet.db.transaction(async (tx) => {
    const closed = await tx.execute(
      `UPDATE ${schema}.runs SET outcome = $2, finished_at = now(), error = $3, summary = $4
       WHERE id = $1 AND outcome = 'running'`,
      [run.id, outcome.ok ? 'succeeded' : 'failed', outcome.error === undefined ? null : redact(outcome.error), outcome.summary === undefined ? null : JSON.stringify(outcome.summary)],
    );
    if (closed === 0) return 'superseded';
    const final = outcome.ok || job.attempt >= job.maxAttempts;
    if (final) {
      await tx.execute(
        `UPDATE ${schema}.ticks SET state = $2, finished_at = now() WHERE job_id = $1 AND state = 'queued'`,
        [job.id, outcome.ok ? 'succeeded' : 'failed'],
      );
    }
    if (outcome.ok) await queue.complete(job.id, { runId: run.id }, tx);
    else await queue.fail(job.id, redact(outcome.error ?? 'failed'), tx);
    if (!final) return 'closed';
    const [pending] = await tx.query(`SELECT 1 FROM ${schema}.ticks WHERE district = $1 AND state = 'pending' LIMIT 1`, [job.data.district]);
    return pending === undefined ? 'closed' : 'closed-more-pending';
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

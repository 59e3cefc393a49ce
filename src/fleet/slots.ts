/**
 * Worker slots: each one asks the queue for a run, runs it, records it, and asks again at once;
 * it waits a poll interval only when the queue had nothing. Stopping lets running runs finish;
 * runs still going when the grace period ends are given back to the queue.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { getLogger } from '../log.js';
import { describePgError } from '../state/postgres/db.js';
import { dispatch, type FleetDb } from './dispatch.js';
import type { FetchedJob, FleetQueue } from './queue.js';
import { closeRun, openRun, releaseRun, type OpenRun, type RunOutcome } from './runs.js';

export interface SlotDeps {
  fleet: FleetDb;
  queue: FleetQueue;
  worker: string;
  pollIntervalMs: number;
  execute(job: FetchedJob): Promise<RunOutcome>;
}

export interface SlotStats {
  succeeded: number;
  failed: number;
  released: number;
}

export interface Slots {
  readonly stats: SlotStats;
  /** Stops taking runs; resolves once running ones end or `graceMs` passes (those are released). */
  stop(graceMs: number): Promise<void>;
}

export function startSlots(deps: SlotDeps, count: number): Slots {
  const stats: SlotStats = { succeeded: 0, failed: 0, released: 0 };
  const running = new Map<number, OpenRun>();
  const idle = new AbortController();
  let stopping = false;

  async function take(job: FetchedJob): Promise<void> {
    const run = await openRun(deps.fleet, job, deps.worker);
    if (run === undefined) {
      // Its tick already ended (an expired attempt that had finished): close the job, run nothing.
      await deps.fleet.db.transaction((tx) => deps.queue.complete(job.id, { skipped: 'tick already finished' }, tx));
      return;
    }
    running.set(run.id, run);
    let outcome: RunOutcome;
    try {
      outcome = await deps.execute(job);
    } finally {
      running.delete(run.id);
    }
    const closed = await closeRun(deps.fleet, deps.queue, run, outcome);
    if (closed === 'superseded') return;
    if (outcome.ok) stats.succeeded += 1;
    else stats.failed += 1;
    // Another tick of the district waited for this one: queue it now rather than at the next pass.
    if (closed === 'closed-more-pending') await dispatch(deps.fleet, deps.queue, { district: job.data.district });
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      try {
        const job = await deps.queue.fetch();
        if (job !== undefined) {
          await take(job);
          continue;
        }
      } catch (error) {
        if (stopping) break;
        getLogger().warn({ worker: deps.worker, reason: describePgError(error) }, 'worker slot error');
      }
      await sleep(deps.pollIntervalMs, undefined, { signal: idle.signal }).catch(() => undefined);
    }
  }

  const loops = Array.from({ length: count }, () => loop());
  const all = Promise.all(loops);

  return {
    stats,
    async stop(graceMs) {
      stopping = true;
      idle.abort();
      const graceful = await Promise.race([all.then(() => true), sleep(graceMs, undefined, { ref: false }).then(() => false)]);
      if (graceful) return;
      for (const run of running.values()) {
        await releaseRun(deps.fleet, deps.queue, run, 'released: the worker was stopped during this attempt')
          .then(() => (stats.released += 1))
          .catch((error: unknown) => getLogger().warn({ reason: describePgError(error) }, 'could not release a run'));
      }
    },
  };
}

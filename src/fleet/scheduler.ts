/**
 * The scheduler every worker runs: on each pass it re-reads changed district files, records the
 * latest tick of each schedule of its districts (inserted once across the fleet) and queues what
 * is due. Three workers running it
 * queue each tick once, not three times.
 */
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { getLogger } from '../log.js';
import { describePgError } from '../state/postgres/db.js';
import { dispatch, recordTicks, type FleetDb } from './dispatch.js';
import type { FleetQueue } from './queue.js';
import { dueTicks, type ScheduleEntry } from './ticks.js';

export interface SchedulerDeps {
  fleet: FleetDb;
  queue: FleetQueue;
  /** The schedules as of now (the district files may change between passes). */
  entries: () => ScheduleEntry[];
  /** Districts this worker has files for: the only ones it queues. */
  districts: () => readonly string[];
  /** Runs first in every pass: re-reads changed district files. */
  refresh?: () => Promise<void>;
  clock: () => Date;
  worker: { id: string; concurrency: number };
  intervalMs: number;
}

export interface Scheduler {
  /** One pass now; returns the runs it queued. */
  pass(): Promise<number>;
  stop(): Promise<void>;
  /** Records the worker as stopped (fleet status). */
  markStopped(): Promise<void>;
}

async function heartbeat(deps: SchedulerDeps): Promise<void> {
  await deps.fleet.db.execute(
    `INSERT INTO ${deps.fleet.schema}.workers (id, host, pid, concurrency, started_at, seen_at, heartbeat_seconds)
     VALUES ($1, $2, $3, $4, now(), now(), $5)
     ON CONFLICT (id) DO UPDATE SET host = excluded.host, pid = excluded.pid, concurrency = excluded.concurrency,
       seen_at = now(), stopped_at = NULL, heartbeat_seconds = excluded.heartbeat_seconds,
       started_at = CASE WHEN ${deps.fleet.schema}.workers.stopped_at IS NULL THEN ${deps.fleet.schema}.workers.started_at ELSE now() END`,
    [deps.worker.id, hostname(), process.pid, deps.worker.concurrency, Math.ceil(deps.intervalMs / 1000)],
  );
}

export async function startScheduler(deps: SchedulerDeps): Promise<Scheduler> {
  let chain: Promise<number> = Promise.resolve(0);
  const stopSignal = new AbortController();

  async function passOnce(): Promise<number> {
    await heartbeat(deps);
    await deps.refresh?.();
    await recordTicks(deps.fleet, dueTicks(deps.entries(), deps.clock()));
    return dispatch(deps.fleet, deps.queue, { among: deps.districts() });
  }

  // Passes never overlap within a worker (the loop and explicit calls share one chain).
  function pass(): Promise<number> {
    chain = chain.catch(() => 0).then(passOnce);
    return chain;
  }

  await pass();
  const loop = (async () => {
    while (!stopSignal.signal.aborted) {
      await sleep(deps.intervalMs, undefined, { signal: stopSignal.signal }).catch(() => undefined);
      if (stopSignal.signal.aborted) break;
      await pass().catch((error: unknown) => getLogger().warn({ worker: deps.worker.id, reason: describePgError(error) }, 'scheduler pass failed'));
    }
  })();

  return {
    pass,
    async stop() {
      stopSignal.abort();
      await loop;
      await chain.catch(() => 0);
    },
    async markStopped() {
      await deps.fleet.db.execute(`UPDATE ${deps.fleet.schema}.workers SET stopped_at = now(), seen_at = now() WHERE id = $1`, [deps.worker.id]);
    },
  };
}

// Fleet throughput: scheduled reconciles of 1,000 districts (BENCH_FLEET_DISTRICTS) by 1, 2 and 4
// worker processes against a sandbox SIS that adds latency to every request (network-bound work,
// BENCH_FLEET_LATENCY, default 50ms), reported as speed-up over one worker. Goal: >= 3x at 4.
// A warm-up tick links every district first (its applies are not measured); each measured round
// starts its workers idle, then queues one reconcile tick for every district and times the drain.
// Each worker runs BENCH_FLEET_CONCURRENCY (default 4) runs at a time. The machine's CPUs bound
// the speed-up once the workers, PostgreSQL and the sandbox need more CPU than it has: the report
// gives the workers' CPU per run and the load average so a short speed-up can be told apart. PostgreSQL is a throwaway
// server from the system's binaries; the server and every temp dir are removed at the end.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { dispatch, recordTicks } from '../dist/src/fleet/dispatch.js';
import { openFleetDb } from '../dist/src/fleet/open.js';
import { FleetQueue } from '../dist/src/fleet/queue.js';
import { resolveFleetSettings } from '../dist/src/fleet/settings.js';
import { districtName, makeFleetRepo, startLatencySandbox, startWorkerProcess } from './lib/fleet-env.js';
import { loadAverage, procCpuMs } from './lib/export-env.js';
import { createDatabase, sql, startPostgres } from '../dist/test/helpers/postgres.js';

const DISTRICTS = Number(process.env.BENCH_FLEET_DISTRICTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_FLEET_CONCURRENCY ?? 4);
const LATENCY = process.env.BENCH_FLEET_LATENCY ?? '50ms';
const WORKER_COUNTS = [1, 2, 4];
const GOAL = 3;
const T0 = Date.parse('2026-09-01T12:00:00Z');
const tickAt = (round) => new Date(T0 + round * 15 * 60_000);

async function finished(url, tick) {
  const [row] = await sql(url, `SELECT count(*) FILTER (WHERE state IN ('succeeded', 'failed'))::int AS done, count(*) FILTER (WHERE state = 'failed')::int AS failed
    FROM sislink_fleet.ticks WHERE tick = $1`, [tick.toISOString()]).catch(() => [{ done: 0, failed: 0 }]);
  return row;
}

async function waitFinished(url, tick) {
  for (;;) {
    const row = await finished(url, tick);
    if (row.done >= DISTRICTS) return row;
    await sleep(100);
  }
}

function startWorkers(count, url, repo, now) {
  return Array.from({ length: count }, (_, i) => startWorkerProcess([
    '--state', url, '--now', now.toISOString(), 'worker', 'districts', '--id', `bench-w${i + 1}`, '--concurrency', String(CONCURRENCY),
    '--poll-interval', '0.1', '--schedule-interval', '5', '--audit-log', `.sislink/audit-w${i + 1}.log`,
  ], repo.dir));
}

async function stopWorkers(workers) {
  const codes = await Promise.all(workers.map((worker) => worker.stop()));
  const bad = codes.findIndex((code) => code !== 0);
  if (bad >= 0) throw new Error(`worker exited with ${codes[bad]}: ${workers[bad].stderr()}`);
}

/** Waits until `count` workers are registered and running since `since`. */
async function waitRegistered(url, count, since) {
  for (;;) {
    const rows = await sql(url, 'SELECT count(*)::int AS n FROM sislink_fleet.workers WHERE stopped_at IS NULL AND started_at >= $1', [since]).catch(() => [{ n: 0 }]);
    if (rows[0].n >= count) return;
    await sleep(100);
  }
}

/** One measured round: idle workers at the previous tick, then every district's next tick queued at once. */
async function round(context, count, index) {
  const { url, repo, fleet, queue } = context;
  const since = new Date();
  const workers = startWorkers(count, url, repo, tickAt(index - 1));
  try {
    await waitRegistered(url, count, since);
    const tick = tickAt(index);
    const cpu = () => workers.reduce((sum, worker) => sum + (procCpuMs(worker.pid) ?? 0), 0);
    const cpuBefore = cpu();
    const started = performance.now();
    await recordTicks(fleet, Array.from({ length: DISTRICTS }, (_, i) => ({ district: districtName(i + 1), kind: 'reconcile', job: '', tick })));
    await dispatch(fleet, queue);
    const { failed } = await waitFinished(url, tick);
    const wallMs = performance.now() - started;
    const workerCpuMs = cpu() - cpuBefore;
    const [runs] = await sql(url, `SELECT count(*)::int AS attempts, avg(extract(epoch FROM finished_at - started_at)) * 1000 AS avg_ms
      FROM sislink_fleet.runs WHERE tick = $1`, [tick.toISOString()]);
    return { count, wallMs, perSecond: DISTRICTS / (wallMs / 1000), failed, attempts: runs.attempts, avgRunMs: Number(runs.avg_ms), workerCpuMsPerRun: workerCpuMs / DISTRICTS, load: loadAverage() };
  } finally {
    await stopWorkers(workers);
  }
}

export async function run() {
  const server = await startPostgres();
  const cleanups = [() => server.stop()];
  try {
    const sandbox = await startLatencySandbox(`latency=${LATENCY}`, new Date(T0));
    cleanups.push(() => sandbox.close());
    const repo = await makeFleetRepo(sandbox, DISTRICTS);
    cleanups.push(() => repo.cleanup());
    const url = await createDatabase(server.url, 'fleet_bench');
    // Warm-up: the first reconcile of each district applies its link (not measured).
    const warmStart = performance.now();
    const warm = startWorkers(4, url, repo, tickAt(0));
    const warmResult = await waitFinished(url, tickAt(0)).finally(() => stopWorkers(warm));
    const warmMs = performance.now() - warmStart;
    if (warmResult.failed > 0) throw new Error(`${warmResult.failed} district(s) failed to link in the warm-up`);
    const settings = resolveFleetSettings();
    const fleet = await openFleetDb(url, settings, 4);
    cleanups.push(() => fleet.db.close());
    const queue = new FleetQueue(url, settings);
    await queue.start();
    cleanups.push(() => queue.stop());
    const results = [];
    for (const [i, count] of WORKER_COUNTS.entries()) {
      process.stderr.write(`  ${count} worker(s)...\n`);
      results.push(await round({ url, repo, fleet, queue }, count, i + 1));
    }
    const base = results[0].perSecond;
    const rows = results.map((r) => ({
      workers: r.count, slots: r.count * CONCURRENCY, districts: DISTRICTS, 's': (r.wallMs / 1000).toFixed(1), 'reconciles/s': r.perSecond.toFixed(1),
      'speed-up': (r.perSecond / base).toFixed(2), 'avg run ms': r.avgRunMs.toFixed(0), 'worker cpu ms/run': r.workerCpuMsPerRun.toFixed(1),
      attempts: r.attempts, failed: r.failed, load: r.load,
    }));
    const speedUp = results.at(-1).perSecond / base;
    return {
      name: 'fleet-throughput',
      districts: DISTRICTS, concurrencyPerWorker: CONCURRENCY, latency: LATENCY, cpus: availableParallelism(), warmUpSeconds: Number((warmMs / 1000).toFixed(1)),
      rows, speedUpAt4: Number(speedUp.toFixed(2)), goal: GOAL, ok: speedUp >= GOAL && results.every((r) => r.failed === 0),
      summary: `fleet: ${DISTRICTS} districts, latency ${LATENCY}, ${CONCURRENCY} runs per worker: 1 worker ${base.toFixed(1)}/s, `
        + `4 workers ${results.at(-1).perSecond.toFixed(1)}/s = ${speedUp.toFixed(2)}x (goal >= ${GOAL}x) on ${availableParallelism()} CPU(s); load ${loadAverage()}`,
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => process.stderr.write(`cleanup: ${error.message}\n`));
  }
}

/**
 * 200 districts, 3 worker processes: each scheduled tick is queued and run exactly once per
 * district, although the three schedulers see every tick many times.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import type { DistrictRepo } from '../helpers/district-repo.js';
import { freshPostgresDatabase, sql } from '../helpers/postgres-url.js';
import { districtName, finishedTicks, makeFleetRepo, runFleetCli, SECRET, spawnFleetCli, tickCounts, waitUntil, type FleetProcess } from './helpers.js';

const DISTRICTS = 200;
const TICKS = ['2026-09-01T12:00', '2026-09-01T12:15'];
let sandbox: SandboxHandle;
let repo: DistrictRepo;
let url: string;
const workers: FleetProcess[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, size: 'tiny', clientSecret: SECRET, now: new Date('2026-09-01T12:00:00Z') });
  repo = await makeFleetRepo(sandbox, { count: DISTRICTS });
  url = await freshPostgresDatabase('fleet');
});

afterAll(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL');
  await Promise.all(workers.map((worker) => worker.result));
  await sandbox?.close();
  await repo?.cleanup();
});

function startWorker(id: string, now: string): FleetProcess {
  const worker = spawnFleetCli([
    '--state', url, '--now', `${now}:00Z`, 'worker', 'districts', '--id', id, '--concurrency', '4',
    '--schedule-interval', '0.5', '--poll-interval', '0.2', '--audit-log', `.sislink/audit-${id}.log`,
  ], repo.dir);
  workers.push(worker);
  return worker;
}

/** Three workers at a frozen clock until every district's tick has run, then SIGTERM. */
async function runTick(tick: string): Promise<void> {
  const fleet = ['w1', 'w2', 'w3'].map((id) => startWorker(id, tick));
  await waitUntil(async () => (await finishedTicks(url, `${tick}:00Z`).catch(() => 0)) >= DISTRICTS, 200);
  for (const worker of fleet) worker.child.kill('SIGTERM');
  const results = await Promise.all(fleet.map((worker) => worker.result));
  for (const result of results) {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/stopped \(SIGTERM\)/);
  }
}

describe('fleet: 200 districts, 3 workers', () => {
  it('runs each scheduled tick exactly once per district', async () => {
    for (const tick of TICKS) await runTick(tick);
    const counts = await tickCounts(url);
    const expected = TICKS.flatMap((tick) => Array.from({ length: DISTRICTS }, (_, i) => `${districtName(i + 1)} ${tick}`)).sort();
    expect(counts.map((row) => `${row.district} ${row.tick}`).sort()).toEqual(expected);
    expect(counts.filter((row) => row.kind !== 'reconcile')).toEqual([]);
    expect(counts.filter((row) => row.state !== 'succeeded' || row.succeeded !== 1)).toEqual([]);
    // One pg-boss job per district and tick, not one per scheduler that saw the tick.
    const jobs = await sql<{ district: string; tick: string; n: number }>(url, `
      SELECT data->>'district' AS district, data->>'tick' AS tick, count(*)::int AS n FROM sislink_queue.job
      WHERE name = 'district-runs' GROUP BY 1, 2`);
    expect(jobs).toHaveLength(DISTRICTS * TICKS.length);
    expect(jobs.filter((job) => job.n !== 1)).toEqual([]);
    // The work was shared (each worker writes its own audit log: no lock contention between them).
    const byWorker = await sql<{ worker: string }>(url, 'SELECT DISTINCT worker FROM sislink_fleet.runs');
    expect(byWorker.length).toBeGreaterThan(1);
    // The link of every district was applied by the first tick's reconcile.
    const links = await sql<{ n: number }>(url, 'SELECT count(*)::int AS n FROM links');
    expect(links[0]?.n).toBe(DISTRICTS);
  }, 300_000);

  it('shows every district in fleet status with its last run, next run and no lag', async () => {
    const result = await runFleetCli(['--state', url, '--now', '2026-09-01T12:20:00Z', 'fleet', 'status', 'districts', '--format', 'json'], repo.dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout) as { districts: { district: string; lastRun: { outcome: string; tick: string }; next: { at: string }; lagSeconds: number; failures: unknown[] }[]; workers: { stoppedAt: string | null }[] };
    expect(status.districts).toHaveLength(DISTRICTS);
    for (const district of status.districts) {
      expect(district.lastRun).toMatchObject({ outcome: 'succeeded', tick: '2026-09-01T12:15:00.000Z' });
      expect(district.next.at).toBe('2026-09-01T12:30:00.000Z');
      expect(district.lagSeconds).toBe(0);
      expect(district.failures).toEqual([]);
    }
    expect(status.workers.map((worker) => worker.stoppedAt === null)).toEqual([false, false, false]);
    const text = await runFleetCli(['--state', url, '--now', '2026-09-01T12:40:00Z', 'fleet', 'status', 'districts'], repo.dir);
    // 12:30 is due and nobody ran it: ten minutes of lag.
    expect(text.stdout).toMatch(/d001\s+reconcile succeeded .*reconcile 2026-09-01T12:45:00.000Z\s+10m00s/);
  });
});

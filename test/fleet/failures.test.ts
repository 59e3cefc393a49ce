/** Failed runs are retried with backoff, then shown with their error; a stopping worker releases its run. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { runFleetStatus } from '../../src/fleet/commands.js';
import { startWorker, type WorkerHandle } from '../../src/fleet/worker.js';
import type { FleetStatus } from '../../src/fleet/status.js';
import type { DistrictRepo } from '../helpers/district-repo.js';
import { freshPostgresDatabase, sql } from '../helpers/postgres-url.js';
import { makeFleetRepo, runFleetCli, SECRET, tickCounts, waitUntil } from './helpers.js';

const NOW = new Date('2026-09-01T12:00:00Z');
const FAST = { retryLimit: 1, retryDelaySeconds: 1, pollIntervalMs: 100, scheduleIntervalMs: 300, maintenanceIntervalSeconds: 1 };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: { exportSchedule?: string; faults?: string } = {}): Promise<{ sandbox: SandboxHandle; repo: DistrictRepo; url: string }> {
  const sandbox = await startSandbox({ port: 0, size: 'tiny', clientSecret: SECRET, now: NOW, faults: options.faults });
  const repo = await makeFleetRepo(sandbox, { count: 1, exportSchedule: options.exportSchedule });
  cleanups.push(async () => {
    await sandbox.close();
    await repo.cleanup();
  });
  return { sandbox, repo, url: await freshPostgresDatabase('fleet') };
}

async function worker(url: string, repo: DistrictRepo, id: string, settings: object = {}): Promise<WorkerHandle> {
  const handle = await startWorker({
    state: url, paths: ['districts'], cwd: repo.dir, id, concurrency: 1, clock: () => NOW,
    settings: { ...FAST, ...settings }, connections: { classroomRateLimit: false }, auditLog: `${repo.dir}/.sislink/audit-${id}.log`,
  });
  cleanups.push(() => handle.stop(0));
  return handle;
}

async function status(url: string, repo: DistrictRepo, format: 'json' | 'text'): Promise<string> {
  let out = '';
  expect(await runFleetStatus({ state: url, paths: ['districts'], cwd: repo.dir, now: NOW, format, write: (text) => (out += text) })).toBe(0);
  return out;
}

describe('fleet failures', () => {
  it('retries a failing reconcile with backoff, then shows it failed with its error and attempts', async () => {
    const { sandbox, repo, url } = await setup();
    const record = sandbox.accessRecords.findByKey(sandbox.clientId);
    if (record === undefined) throw new Error('sandbox has no built-in record');
    record.rejectTokens = true;
    const handle = await worker(url, repo, 'w1');
    await waitUntil(async () => (await tickCounts(url))[0]?.state === 'failed');
    expect(handle.stats).toMatchObject({ succeeded: 0, failed: 2 });
    const json = JSON.parse(await status(url, repo, 'json')) as FleetStatus;
    const [district] = json.districts;
    expect(district?.lastRun).toMatchObject({ kind: 'reconcile', outcome: 'failed', attempt: 2, maxAttempts: 2 });
    expect(district?.failures.map((f) => [f.attempt, f.final])).toEqual([[2, true], [1, true]]);
    expect(district?.failures[0]?.error).toMatch(/credential test/);
    expect(district?.lagSeconds).toBe(0);
    expect(json.queue).toEqual({ failed: 1 });
    const text = await status(url, repo, 'text');
    expect(text).toMatch(/d001 reconcile tick 2026-09-01T12:00:00.000Z attempt 2\/2 on w1 \(failed, failed for good\): .*credential test/);
    expect(text).not.toContain(SECRET);
    // The failure is pg-boss's too.
    const jobs = await sql<{ state: string; retry_count: number }>(url, `SELECT state::text AS state, retry_count FROM sislink_queue.job`);
    expect(jobs).toEqual([{ state: 'failed', retry_count: 1 }]);
  });

  it('gives a running export back to the queue when its worker stops, and another worker finishes it', async () => {
    const { sandbox, repo, url } = await setup({ exportSchedule: '0 2 * * *', faults: 'latency=15ms' });
    const first = await worker(url, repo, 'w1');
    await waitUntil(async () => {
      const [row] = await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM sislink_fleet.runs WHERE kind = 'export' AND outcome = 'running'`);
      return (row?.n ?? 0) > 0 && sandbox.data.results.size > 5;
    }, 5);
    await first.stop(0);
    expect(first.stats.released).toBe(1);
    await worker(url, repo, 'w2');
    await waitUntil(async () => (await tickCounts(url)).every((tick) => tick.state === 'succeeded'), 100);
    const runs = await sql<{ worker: string; outcome: string; error: string | null }>(url, `SELECT worker, outcome, error FROM sislink_fleet.runs WHERE kind = 'export' ORDER BY id`);
    expect(runs.map((run) => [run.worker, run.outcome])).toEqual([['w1', 'interrupted'], ['w2', 'succeeded']]);
    expect(runs[0]?.error).toMatch(/released/);
    // The export ran after the reconcile, never alongside it.
    const order = await sql<{ kind: string; started_at: Date; finished_at: Date }>(url, `SELECT kind, started_at, finished_at FROM sislink_fleet.runs ORDER BY started_at`);
    expect(order[0]?.kind).toBe('reconcile');
    expect(order[0]!.finished_at.getTime()).toBeLessThanOrEqual(order[1]!.started_at.getTime());
  });
});

describe('fleet commands', () => {
  it('refuses a SQLite state, an invalid schedule and a bad number, naming the flag', async () => {
    const dir = process.cwd();
    const sqlite = await runFleetCli(['--state', 'sqlite:x.db', 'worker'], dir);
    expect(sqlite.code).toBe(1);
    expect(sqlite.stderr).toContain('needs a PostgreSQL state store');
    const cron = await runFleetCli(['--state', 'postgres://u:p@127.0.0.1:1/db', 'worker', '--reconcile-every', '* * *'], dir);
    expect(cron.stderr).toContain('--reconcile-every');
    const number = await runFleetCli(['--state', 'postgres://u:p@127.0.0.1:1/db', 'worker', '--concurrency', 'lots'], dir);
    expect(number.stderr).toContain('--concurrency');
    for (const result of [cron, number]) {
      expect(result.code).toBe(1);
      expect(result.stderr).not.toContain('    at ');
    }
  });

  it('shows an empty fleet on a database no worker has used', async () => {
    const url = await freshPostgresDatabase('fleet');
    const dir = await mkdtemp(join(tmpdir(), 'sislink-fleet-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const result = await runFleetCli(['--state', url, 'fleet', 'status', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ workers: [], districts: [], queue: {} });
  });
});

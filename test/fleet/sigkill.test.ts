/**
 * SIGKILL of a worker in the middle of an export: the run expires, another worker retries it and
 * the SIS ends up exactly as after a clean run (deterministic ids: no duplicate lineItems/results).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { runApply } from '../../src/commands/apply.js';
import { runExport } from '../../src/commands/export.js';
import type { DistrictRepo } from '../helpers/district-repo.js';
import { freshPostgresDatabase, sql } from '../helpers/postgres-url.js';
import { makeFleetRepo, runFleetCli, SECRET, spawnFleetCli, tickCounts, waitUntil, type FleetProcess } from './helpers.js';

const NOW = '2026-09-01T12:00:00Z';
const EXPORT_SCHEDULE = '0 2 * * *';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(faults?: string): Promise<{ sandbox: SandboxHandle; repo: DistrictRepo }> {
  const sandbox = await startSandbox({ port: 0, size: 'tiny', clientSecret: SECRET, now: new Date(NOW), faults });
  const repo = await makeFleetRepo(sandbox, { count: 1, exportSchedule: EXPORT_SCHEDULE });
  cleanups.push(async () => {
    await sandbox.close();
    await repo.cleanup();
  });
  return { sandbox, repo };
}

function sisState(sandbox: SandboxHandle) {
  const results = [...sandbox.data.results.values()].map((r) => [r.sourcedId, r.lineItemId, r.studentId, r.score, r.scoreStatus].join('|'));
  const lineItems = [...sandbox.data.lineItems.values()].map((item) => [item.sourcedId, item.title, item.classId].join('|'));
  return { results: results.sort(), lineItems: lineItems.sort() };
}

/** A clean single-process apply and export of the same district, for reference. */
async function reference() {
  const { sandbox, repo } = await setup();
  const common = { state: 'sqlite:.sislink/state.db', now: new Date(NOW), cwd: repo.dir, write: () => undefined };
  expect(await runApply({ ...common, targets: ['districts'], autoApprove: true })).toBe(0);
  expect(await runExport({ ...common, paths: ['districts'], mode: 'run', format: 'json', connections: { classroomRateLimit: false } })).toBe(0);
  return sisState(sandbox);
}

interface RunRow {
  kind: string;
  worker: string;
  attempt: number;
  outcome: string;
}

describe('fleet: a worker killed in the middle of an export', () => {
  it('has the export retried by another worker, with no duplicate writes in the SIS', async () => {
    const expected = await reference();
    expect(expected.results.length).toBeGreaterThan(20);
    const { sandbox, repo } = await setup('latency=15ms');
    const url = await freshPostgresDatabase('fleet');
    const workers = new Map<string, FleetProcess>();
    cleanups.push(async () => {
      for (const worker of workers.values()) worker.child.kill('SIGKILL');
      await Promise.all([...workers.values()].map((worker) => worker.result));
    });
    for (const id of ['w1', 'w2']) {
      workers.set(id, spawnFleetCli([
        '--state', url, '--now', NOW, 'worker', 'districts', '--id', id, '--concurrency', '1',
        '--export-timeout', '3', '--maintenance-interval', '1', '--retry-delay', '1', '--retries', '3',
        '--poll-interval', '0.2', '--schedule-interval', '0.5', '--audit-log', `.sislink/audit-${id}.log`,
      ], repo.dir));
    }
    // Wait for the export to be running and to have written part of the grades, then kill its worker.
    let victim: RunRow | undefined;
    await waitUntil(async () => {
      const rows = await sql<RunRow>(url, `SELECT kind, worker, attempt, outcome FROM sislink_fleet.runs WHERE kind = 'export' AND outcome = 'running'`).catch(() => []);
      victim = rows[0];
      return victim !== undefined && sandbox.data.results.size > 5;
    }, 5);
    expect(sandbox.data.results.size).toBeLessThan(expected.results.length);
    const killed = workers.get(victim?.worker ?? '');
    killed?.child.kill('SIGKILL');
    expect((await killed?.result)?.code).toBe(null);

    await waitUntil(async () => (await tickCounts(url)).some((tick) => tick.kind === 'export' && tick.state !== 'queued' && tick.state !== 'pending'), 200);
    const runs = await sql<RunRow>(url, `SELECT kind, worker, attempt, outcome FROM sislink_fleet.runs WHERE kind = 'export' ORDER BY id`);
    const survivor = victim?.worker === 'w1' ? 'w2' : 'w1';
    expect(runs).toEqual([
      { kind: 'export', worker: victim?.worker, attempt: 1, outcome: 'interrupted' },
      { kind: 'export', worker: survivor, attempt: 2, outcome: 'succeeded' },
    ]);
    const ticks = await tickCounts(url);
    expect(ticks.map((tick) => [tick.kind, tick.tick, tick.state, tick.succeeded])).toEqual([
      ['export', '2026-09-01T07:00', 'succeeded', 1],
      ['reconcile', '2026-09-01T12:00', 'succeeded', 1],
    ]);
    expect(sisState(sandbox)).toEqual(expected);

    const status = await runFleetCli(['--state', url, '--now', NOW, 'fleet', 'status', 'districts'], repo.dir);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/d001\s+export:grades succeeded/);
    expect(status.stdout).not.toContain('failed runs:');
  }, 120_000);
});

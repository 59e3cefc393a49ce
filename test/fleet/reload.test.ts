/**
 * A running worker follows its district files: added, changed, removed and broken files, on the
 * real PostgreSQL of the suite. Passes are driven by schedule() and a movable clock; the interval
 * is an hour so nothing happens between them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { runFleetStatus } from '../../src/fleet/commands.js';
import { startWorker, type WorkerHandle } from '../../src/fleet/worker.js';
import type { FleetStatus } from '../../src/fleet/status.js';
import { districtYaml, type DistrictRepo } from '../helpers/district-repo.js';
import { freshPostgresDatabase, sql } from '../helpers/postgres-url.js';
import { makeFleetRepo, SECRET, spawnFleetCli, waitUntil } from './helpers.js';

const NOW = new Date('2026-09-01T12:00:00Z');
const QUIET = { retryLimit: 0, pollIntervalMs: 50, scheduleIntervalMs: 3_600_000, maintenanceIntervalSeconds: 1 };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Setup {
  sandbox: SandboxHandle;
  repo: DistrictRepo;
  url: string;
  yaml(name: string, exportJob?: { name: string; schedule: string }): string;
}

async function setup(count: number, exportSchedule?: string): Promise<Setup> {
  const sandbox = await startSandbox({ port: 0, size: 'tiny', clientSecret: SECRET, now: NOW });
  const repo = await makeFleetRepo(sandbox, { count, exportSchedule });
  cleanups.push(async () => {
    await sandbox.close();
    await repo.cleanup();
  });
  const yaml = (name: string, exportJob?: { name: string; schedule: string }) => districtYaml({
    name, baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, key: sandbox.clientId,
    ...(exportJob && {
      classroom: { apiUrl: sandbox.classroomUrl, tokenUrl: sandbox.classroomTokenUrl }, gradeExport: true,
      extraSpec: `  exports:\n    - name: ${exportJob.name}\n      defaultCategory: Assignments\n      schedule: "${exportJob.schedule}"\n`,
    }),
  });
  return { sandbox, repo, url: await freshPostgresDatabase('fleet'), yaml };
}

async function worker(url: string, repo: DistrictRepo, clock: () => Date, options: { id?: string; paths?: string[]; concurrency?: number } = {}): Promise<WorkerHandle> {
  const id = options.id ?? 'w1';
  const handle = await startWorker({
    state: url, paths: options.paths ?? ['districts'], cwd: repo.dir, id, concurrency: options.concurrency ?? 2, clock, settings: QUIET,
    connections: { classroomRateLimit: false }, auditLog: `${repo.dir}/.sislink/audit-${id}.log`,
  });
  cleanups.push(() => handle.stop(0));
  return handle;
}

interface TickRow {
  district: string;
  kind: string;
  job: string;
  tick: string;
  state: string;
}

async function ticks(url: string): Promise<TickRow[]> {
  return sql<TickRow>(url, `SELECT district, kind, job, to_char(tick AT TIME ZONE 'UTC', 'HH24:MI') AS tick, state
    FROM sislink_fleet.ticks ORDER BY district, tick, kind, job`);
}

const settled = async (url: string) => (await ticks(url)).every((tick) => tick.state === 'succeeded' || tick.state === 'failed');
const row = (tick: TickRow) => `${tick.district} ${tick.kind}${tick.job ? `:${tick.job}` : ''} ${tick.tick} ${tick.state}`;

async function status(url: string, repo: DistrictRepo, now: Date): Promise<{ json: FleetStatus; text: string }> {
  let json = '';
  let text = '';
  await runFleetStatus({ state: url, paths: ['districts'], cwd: repo.dir, now, format: 'json', write: (out) => (json += out) });
  await runFleetStatus({ state: url, paths: ['districts'], cwd: repo.dir, now, format: 'text', write: (out) => (text += out) });
  return { json: JSON.parse(json) as FleetStatus, text };
}

describe('worker reloads its district files', () => {
  it('schedules and runs a file added while it runs', async () => {
    const { repo, url, yaml } = await setup(1);
    const handle = await worker(url, repo, () => NOW);
    await waitUntil(() => settled(url));
    expect(handle.districts).toBe(1);
    await repo.write('d002', yaml('d002'));
    expect(await handle.schedule()).toBe(1);
    expect(handle.districts).toBe(2);
    await waitUntil(() => settled(url));
    expect((await ticks(url)).map(row)).toEqual(['d001 reconcile 12:00 succeeded', 'd002 reconcile 12:00 succeeded']);
  });

  it('uses a changed file\'s new export schedule and job', async () => {
    const { repo, url, yaml } = await setup(1, '0 2 * * *');
    const handle = await worker(url, repo, () => NOW);
    await waitUntil(async () => (await ticks(url)).length === 2 && (await settled(url)));
    // 02:00 in Chicago is 07:00Z; the new job at 05:00 is 10:00Z, and runs under its new name.
    await repo.write('d001', yaml('d001', { name: 'marks', schedule: '0 5 * * *' }));
    expect(await handle.schedule()).toBe(1);
    await waitUntil(async () => (await ticks(url)).length === 3 && (await settled(url)));
    expect((await ticks(url)).map(row)).toEqual([
      'd001 export:grades 07:00 succeeded', 'd001 export:marks 10:00 succeeded', 'd001 reconcile 12:00 succeeded',
    ]);
  });

  it('stops scheduling a removed file, never runs its pending tick, and fleet status lists its state without touching it', async () => {
    const { repo, url } = await setup(2);
    let now = NOW;
    const handle = await worker(url, repo, () => now);
    await waitUntil(async () => (await ticks(url)).length === 2 && (await settled(url)));
    await repo.remove('d002');
    // A tick another worker (still with the file) recorded: this worker does not queue it.
    await sql(url, `INSERT INTO sislink_fleet.ticks (district, kind, job, tick) VALUES ('d002', 'reconcile', '', '2026-09-01T12:15:00Z')`);
    now = new Date('2026-09-01T12:15:00Z');
    expect(await handle.schedule()).toBe(1);
    await waitUntil(() => (async () => (await ticks(url)).filter((tick) => tick.district === 'd001').every((tick) => tick.state === 'succeeded'))());
    expect((await ticks(url)).map(row)).toEqual([
      'd001 reconcile 12:00 succeeded', 'd001 reconcile 12:15 succeeded', 'd002 reconcile 12:00 succeeded', 'd002 reconcile 12:15 pending',
    ]);
    const runs = await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM sislink_fleet.runs WHERE district = 'd002'`);
    expect(runs[0]?.n).toBe(1);
    const { json, text } = await status(url, repo, now);
    expect(json.districts.find((d) => d.district === 'd002')).toMatchObject({
      inFiles: false, inState: true, next: null, notes: ['no file: not scheduled; remove its state or restore the file'],
    });
    expect(text).toContain('d002 (no file)');
    expect(text).toContain('  d002: no file: not scheduled; remove its state or restore the file');
    const links = await sql<{ district: string; enabled: boolean }>(url, 'SELECT district, enabled FROM links ORDER BY district');
    expect(links).toEqual([{ district: 'd001', enabled: true }, { district: 'd002', enabled: true }]);
  });

  it('fails a run queued for a district it has no file for, with a clear error in the run records', async () => {
    const { repo, url, yaml } = await setup(1);
    const runner = await worker(url, repo, () => NOW);
    await waitUntil(() => settled(url));
    // Another copy of the config (a host further along a deploy) has d002; it only schedules here.
    await mkdir(join(repo.dir, 'other'));
    await writeFile(join(repo.dir, 'other', 'd002.yaml'), yaml('d002'));
    await worker(url, repo, () => NOW, { id: 'scheduler', paths: ['other'], concurrency: 0 });
    await waitUntil(async () => (await ticks(url)).length === 2 && (await settled(url)));
    expect((await ticks(url)).map(row)).toEqual(['d001 reconcile 12:00 succeeded', 'd002 reconcile 12:00 failed']);
    const runs = await sql<{ worker: string; outcome: string; error: string }>(url, `SELECT worker, outcome, error FROM sislink_fleet.runs WHERE district = 'd002'`);
    expect(runs).toEqual([{ worker: 'w1', outcome: 'failed', error: 'district "d002" has no valid district file on this worker (removed, or not deployed here yet): not run' }]);
    expect(runner.stats.failed).toBe(1);
  });

  it('keeps running the last good version of a broken file, and fleet status shows why', async () => {
    const { repo, url, yaml } = await setup(1);
    let now = NOW;
    const handle = await worker(url, repo, () => now);
    await waitUntil(() => settled(url));
    await repo.write('d001', yaml('d001').replace('enabled: true', 'enabled: maybe'));
    await repo.write('d009', yaml('d009').replace('oneRosterVersion: "1.2"', 'oneRosterVersion: [1.2'));
    now = new Date('2026-09-01T12:15:00Z');
    expect(await handle.schedule()).toBe(1);
    await waitUntil(() => settled(url));
    expect((await ticks(url)).map(row)).toEqual(['d001 reconcile 12:00 succeeded', 'd001 reconcile 12:15 succeeded']);
    const { json, text } = await status(url, repo, now);
    const d001 = json.districts.find((d) => d.district === 'd001');
    expect(d001).toMatchObject({ inFiles: true, inState: true });
    expect(d001?.notes).toHaveLength(1);
    expect(d001?.notes[0]).toMatch(/^districts\/d001\.yaml:\d+:\d+: error \S+ spec\.link\.enabled: .* \(last good version still running on w1\)$/);
    // The never-valid file declares a name that can be read: a note under it, nothing scheduled.
    expect(json.districts.find((d) => d.district === 'd009')).toMatchObject({ inFiles: true, next: null, lastRun: null });
    expect(json.districts.find((d) => d.district === 'd009')?.notes[0]).toMatch(/^districts\/d009\.yaml:\d+:\d+: error YAML_SYNTAX .*\(never valid on w1: not scheduled\)$/);
    expect(text).toMatch(/\n {2}d001: districts\/d001\.yaml:\d+:\d+: error .*last good version still running on w1/);
    expect(json.workers).toMatchObject([{ id: 'w1', stoppedAt: null, silent: false }]);
    // A worker killed without stopping (SIGKILL) leaves its row as it was: once it has missed three
    // heartbeats (its scheduler runs hourly here) it is silent: its notes give way to what fleet
    // status reads in the files itself.
    await sql(url, "UPDATE sislink_fleet.workers SET seen_at = now() - interval '4 hours' WHERE id = 'w1'");
    const silent = await status(url, repo, now);
    expect(silent.json.workers).toMatchObject([{ id: 'w1', stoppedAt: null, silent: true }]);
    const silentNotes = silent.json.districts.flatMap((d) => d.notes);
    expect(silentNotes).toHaveLength(2);
    for (const note of silentNotes) expect(note).toMatch(/\(as read by fleet status\)$/);
    expect(silent.text).toMatch(/: 0 worker\(s\) running,/);
    expect(silent.text).toMatch(/worker w1 on .*: silent since .* \(missed three heartbeats; taken as gone/);
    // Its next pass is a heartbeat: running again, with its notes.
    await handle.schedule();
    const back = await status(url, repo, now);
    expect(back.json.workers).toMatchObject([{ id: 'w1', silent: false }]);
    expect(back.json.districts.find((d) => d.district === 'd001')?.notes).toHaveLength(1);
    // Fixed: the note goes away at the next pass.
    await repo.write('d001', yaml('d001'));
    await repo.remove('d009');
    await handle.schedule();
    expect((await status(url, repo, now)).json.districts.flatMap((d) => d.notes)).toEqual([]);
  });

  it('reloads on SIGHUP', async () => {
    const { repo, url, yaml } = await setup(1);
    const child = spawnFleetCli([
      '--state', url, '--now', '2026-09-01T12:00:00Z', 'worker', 'districts', '--id', 'w1', '--concurrency', '1',
      '--schedule-interval', '3600', '--poll-interval', '0.1', '--audit-log', '.sislink/audit-w1.log',
    ], repo.dir);
    cleanups.push(async () => {
      child.child.kill('SIGKILL');
      await child.result;
    });
    let stdout = '';
    child.child.stdout?.on('data', (chunk: string) => (stdout += chunk));
    await waitUntil(async () => stdout.includes('started') && (await ticks(url).catch(() => [])).length === 1 && (await settled(url)));
    await repo.write('d002', yaml('d002'));
    child.child.kill('SIGHUP');
    await waitUntil(() => stdout.includes('reloaded (SIGHUP)'));
    expect(stdout).toContain('worker w1 reloaded (SIGHUP): 2 district(s); 1 added, 0 changed, 0 removed');
    await waitUntil(async () => (await ticks(url)).length === 2 && (await settled(url)));
    child.child.kill('SIGTERM');
    const result = await child.result;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect((await ticks(url)).map(row)).toEqual(['d001 reconcile 12:00 succeeded', 'd002 reconcile 12:00 succeeded']);
  });
});

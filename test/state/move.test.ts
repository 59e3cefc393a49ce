/**
 * `sislink state move`: a SQLite state built by real applies and exports against the sandbox moves
 * into an empty PostgreSQL store, which then carries on where SQLite left off; refusals and a
 * failure halfway write nothing anywhere.
 */
import { readFile, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/audit/log.js';
import { runApply } from '../../src/commands/apply.js';
import { runExport } from '../../src/commands/export.js';
import type { ExportSummary } from '../../src/jobs/export/tally.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { runStateMove } from '../../src/state/move.js';
import { openStateStore } from '../../src/state/open.js';
import { SqliteStateStore } from '../../src/state/sqlite.js';
import { runCli } from '../helpers/cli.js';
import { districtYaml, gradeExportDistrictYaml, makeDistrictRepo, type DistrictRepo } from '../helpers/district-repo.js';
import { freshPostgresUrl, sql } from '../helpers/postgres-url.js';
import { sampleLink, sampleStep } from './fixtures.js';

const SECRET = 'canary-move-5b2d8e1f9a';
const NOW = new Date('2026-09-01T12:00:00Z');
const STATE = 'sqlite:.sislink/state.db';
const VALUES = 1_234;

let sandbox: SandboxHandle;
let repo: DistrictRepo;
const dirs: string[] = [];

/** Every sislink table of a PostgreSQL store with its row count. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_name <> 'schema_migrations' ORDER BY table_name`);
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables) counts[table] = Number((await sql<{ n: string }>(url, `SELECT COUNT(*) AS n FROM "${table}"`))[0]?.n);
  return counts;
}

/** No sislink row in the store (a refusal may come before its tables are even created). */
function allEmpty(counts: Record<string, number>): boolean {
  return Object.values(counts).every((count) => count === 0);
}

async function exportRun(state: string): Promise<ExportSummary> {
  let out = '';
  const code = await runExport({
    paths: ['districts'], mode: 'run', state, now: NOW, cwd: repo.dir, format: 'json', connections: { classroomRateLimit: false },
    write: (text) => (out += text),
  });
  expect(code).toBe(0);
  return JSON.parse(out) as ExportSummary;
}

/** A small SQLite state written through the store and the audit log, in a directory of its own. */
async function smallState(): Promise<{ dir: string; url: string; auditFile: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'sislink-move-'));
  dirs.push(dir);
  const url = `sqlite:${join(dir, 'state.db')}`;
  const store = await openStateStore(url);
  await store.putLink(sampleLink('oak'));
  await store.putManualStep(sampleStep('oak', 'step-1'));
  await store.setValue('oak', 'rotation', { phase: 'overlap' });
  await store.stateKey();
  await store.close();
  const auditFile = join(dir, 'audit.log');
  const log = openAuditLog(auditFile, { git: false });
  await log.append({ event: 'run.start', district: 'oak' });
  await log.append({ event: 'run.finish', district: 'oak', outcome: 'succeeded' });
  return { dir, url, auditFile };
}

function moveQuietly(options: { stateUrl: string; to: string; dryRun?: boolean }): Promise<number> {
  return runStateMove({ ...options, write: () => undefined });
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, size: 'tiny', clientSecret: SECRET, now: NOW });
  repo = await makeDistrictRepo(SECRET, sandbox.classroomServiceAccountKey);
  await repo.write('maple', gradeExportDistrictYaml('maple', sandbox));
  await repo.write('birch', districtYaml({ name: 'birch', baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, key: sandbox.clientId, target: 'classroom-admin' }));
  const applied = await runApply({ targets: ['districts'], autoApprove: true, state: STATE, now: NOW, cwd: repo.dir, write: () => undefined });
  expect(applied).toBe(0);
  const first = await exportRun(STATE);
  expect(first.written.resultsCreated).toBeGreaterThan(0);
  // More values than one page of the snapshot holds.
  const store = await openStateStore(STATE, { cwd: repo.dir });
  for (let index = 0; index < VALUES; index++) await store.setValue('maple', `bulk-${index}`, { index });
  await store.close();
});
afterAll(async () => {
  await sandbox.close();
  await repo.cleanup();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('sislink state move', () => {
  it('carries the whole state and audit chain into PostgreSQL, which carries on where SQLite left off', async () => {
    const url = await freshPostgresUrl();
    const password = new URL(url).password;
    const auditFile = join(repo.dir, '.sislink', 'audit.log');
    const before = await runCli(['--state', STATE, 'state', 'show', '--format', 'json'], { cwd: repo.dir });
    expect(before.code).toBe(0);
    const fileLines = (await readFile(auditFile, 'utf8')).split('\n').filter((line) => line !== '');
    expect(fileLines.length).toBeGreaterThan(0);

    const moved = await runCli(['--state', STATE, 'state', 'move', url], { cwd: repo.dir });
    expect(moved.stderr).toBe('');
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('moved the state of 2 district(s)');
    expect(moved.stdout).toMatch(/district_values\s+1,2\d\d/);
    expect(moved.stdout).toContain(`${fileLines.length} line(s) from ${auditFile}, then state.moved as seq ${fileLines.length + 1}`);
    expect(`${moved.stdout}${moved.stderr}`).not.toContain(password);

    // The same districts, links (fingerprints included) and pending steps.
    const after = await runCli(['--state', url, 'state', 'show', '--format', 'json'], { cwd: repo.dir });
    expect(after.code).toBe(0);
    expect((JSON.parse(after.stdout) as { districts: unknown }).districts).toEqual((JSON.parse(before.stdout) as { districts: unknown }).districts);
    const store = await openStateStore(url);
    try {
      expect((await store.getValues('maple', Array.from({ length: VALUES }, (_, index) => `bulk-${index}`))).size).toBe(VALUES);
      expect((await store.listJournal('maple')).length).toBeGreaterThan(0);
      expect((await store.listRuns('maple')).length).toBeGreaterThan(0);
      // The journal's numbering continues after the carried ids.
      const carriedMax = Math.max(...(await store.listJournal('maple')).map((entry) => entry.id));
      expect(await store.journalIntent({ runId: 'r', district: 'maple', actionId: 'probe', planHash: 'p', data: {} })).toBeGreaterThan(carriedMax);
    } finally {
      await store.close();
    }

    // The state key came along: the plan finds nothing to change; the checkpoints did: no SIS writes.
    const plan = await runCli(['--state', url, '--now', NOW.toISOString(), 'plan', 'districts', '--detailed-exitcode'], { cwd: repo.dir });
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    sandbox.clearRequests();
    const again = await exportRun(url);
    expect(again.unchanged).toBeGreaterThan(0);
    expect(sandbox.requests().filter((request) => ['PUT', 'DELETE', 'POST'].includes(request.method) && !request.path.includes('token'))).toHaveLength(0);

    // One chain: the file's lines, byte for byte, then the same state.moved line in both.
    const stored = await sql<{ seq: string; line: string }>(url, 'SELECT seq, line FROM audit_log ORDER BY seq');
    const fileAfter = (await readFile(auditFile, 'utf8')).split('\n').filter((line) => line !== '');
    expect(fileAfter).toHaveLength(fileLines.length + 1);
    expect(stored.slice(0, fileAfter.length).map((row) => row.line)).toEqual(fileAfter);
    const movedLine = JSON.parse(fileAfter.at(-1)!) as { event: string; details: { to: string; from: string } };
    expect(movedLine.event).toBe('state.moved');
    expect(movedLine.details.to).not.toContain(password);
    const verified = await runCli(['--state', url, 'audit', 'verify'], { cwd: repo.dir });
    expect(verified.code).toBe(0);
    expect((await runCli(['audit', 'verify', auditFile], { cwd: repo.dir })).code).toBe(0);

    // Neither the SIS secret nor the database password is anywhere in the new store.
    const dump = JSON.stringify(await sql(url, "SELECT string_agg(t::text, '\n') AS rows FROM (SELECT * FROM links) t"))
      + JSON.stringify(await sql(url, 'SELECT * FROM audit_log')) + JSON.stringify(await sql(url, 'SELECT * FROM district_values'))
      + JSON.stringify(await sql(url, 'SELECT * FROM journal')) + JSON.stringify(await sql(url, 'SELECT * FROM manual_steps'));
    for (const secret of [SECRET, Buffer.from(SECRET).toString('base64'), password]) expect(dump).not.toContain(secret);

    // The old store refuses to open and says where the state went.
    const old = await runCli(['--state', STATE, 'state', 'show'], { cwd: repo.dir });
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/state store .*state\.db was moved to postgres:\/\/sislink_test@127\.0\.0\.1:\d+\/.* on .*; use --state postgres:\/\//);
    expect(old.stderr).not.toContain(password);
    expect(old.stderr).not.toMatch(/\n\s+at /);
  });

  it('dry run: every check and the copy run, nothing is written on either side', async () => {
    const source = await smallState();
    const url = await freshPostgresUrl();
    const auditBefore = await readFile(source.auditFile, 'utf8');
    let out = '';
    expect(await runStateMove({ stateUrl: source.url, to: url, dryRun: true, write: (text) => (out += text) })).toBe(0);
    expect(out).toContain('dry run: the state of 1 district(s)');
    expect(out).toContain('2 line(s)');
    const counts = await rowCounts(url);
    expect(Object.keys(counts)).toContain('links');
    expect(allEmpty(counts)).toBe(true);
    expect(await readFile(source.auditFile, 'utf8')).toBe(auditBefore);
    const store = await openStateStore(source.url);
    expect(await store.getLock('oak')).toBeUndefined();
    await store.close();
  });

  it('refuses a store that is not empty and changes nothing', async () => {
    const source = await smallState();
    const url = await freshPostgresUrl();
    const target = await openStateStore(url);
    await target.putLink(sampleLink('elm'));
    await target.close();
    const before = await rowCounts(url);
    const result = await runCli(['--state', source.url, 'state', 'move', url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sislink: error: state store postgres:\/\/.* is not empty \(rows in links\); state move only fills a new, empty store\n$/);
    expect(result.stderr).not.toContain(new URL(url).password);
    expect(await rowCounts(url)).toEqual(before);
    const store = await openStateStore(source.url);
    expect((await store.listLinks()).map((link) => link.district)).toEqual(['oak']);
    expect(await store.getLock('oak')).toBeUndefined();
    await store.close();
  });

  it('refuses while a district is locked, naming the holder', async () => {
    const source = await smallState();
    const url = await freshPostgresUrl();
    const store = await openStateStore(source.url);
    const lock = await store.acquireLock('oak', { purpose: 'apply' });
    try {
      await expect(moveQuietly({ stateUrl: source.url, to: url })).rejects.toThrow(/district "oak" is locked .*apply/);
      expect(allEmpty(await rowCounts(url))).toBe(true);
    } finally {
      await lock.release();
      await store.close();
    }
  });

  it('refuses an audit log that does not verify', async () => {
    const source = await smallState();
    const url = await freshPostgresUrl();
    const text = await readFile(source.auditFile, 'utf8');
    await writeFile(source.auditFile, text.replace('"succeeded"', '"failed"'));
    await expect(moveQuietly({ stateUrl: source.url, to: url })).rejects.toThrow(/audit log .*audit\.log does not verify at line 2/);
    expect(allEmpty(await rowCounts(url))).toBe(true);
  });

  it('a failure halfway rolls everything back: the target stays empty, the source untouched and usable', async () => {
    const source = await smallState();
    const url = await freshPostgresUrl();
    const target = await openStateStore(url);
    await target.close();
    // A real failure inside the copy: the target refuses the manual steps.
    await sql(url, `CREATE FUNCTION refuse_steps() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'manual steps refused by this test'; END $$`);
    await sql(url, 'CREATE TRIGGER refuse_steps BEFORE INSERT ON manual_steps FOR EACH ROW EXECUTE FUNCTION refuse_steps()');
    const auditBefore = await readFile(source.auditFile, 'utf8');
    await expect(moveQuietly({ stateUrl: source.url, to: url })).rejects.toThrow(/manual steps refused by this test/);
    const counts = await rowCounts(url);
    expect(Object.keys(counts)).toContain('manual_steps');
    expect(allEmpty(counts)).toBe(true);
    expect(await readFile(source.auditFile, 'utf8')).toBe(auditBefore);
    const store = await openStateStore(source.url);
    expect((await store.listLinks()).map((link) => link.district)).toEqual(['oak']);
    expect(await store.getLock('oak')).toBeUndefined();
    await store.close();
    // Once the cause is gone the same move goes through.
    await sql(url, 'DROP TRIGGER refuse_steps ON manual_steps');
    expect(await moveQuietly({ stateUrl: source.url, to: url })).toBe(0);
    expect((await rowCounts(url)).manual_steps).toBe(1);
  });

  it('refuses what it cannot move, before touching anything', async () => {
    const source = await smallState();
    const url = await freshPostgresUrl();
    await expect(moveQuietly({ stateUrl: url, to: url })).rejects.toThrow(/state move carries a SQLite state file .* use pg_dump and pg_restore/);
    await expect(moveQuietly({ stateUrl: source.url, to: `sqlite:${join(source.dir, 'other.db')}` })).rejects.toThrow(/state move fills a PostgreSQL store/);
    await expect(moveQuietly({ stateUrl: `sqlite:${join(source.dir, 'missing.db')}`, to: url })).rejects.toThrow(/no state store at .*missing\.db: nothing to move/);
    expect(existsSync(join(source.dir, 'missing.db'))).toBe(false);
    // A moved store cannot be moved again: it does not open.
    expect(await moveQuietly({ stateUrl: source.url, to: url })).toBe(0);
    await expect(moveQuietly({ stateUrl: source.url, to: await freshPostgresUrl() })).rejects.toThrow(/was moved to postgres:\/\//);
    const tombstoned = new SqliteStateStore(join(source.dir, 'state.db'));
    await expect(tombstoned.migrate()).rejects.toThrow(/was moved to/);
    await tombstoned.close();
  });
});

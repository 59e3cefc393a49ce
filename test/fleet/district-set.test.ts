/** The worker's district set: what a reload adopts, keeps and drops, on real files in a temp dir. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDistrictSet, type DistrictSet } from '../../src/fleet/district-set.js';
import { executeRun } from '../../src/fleet/execute.js';
import type { ReconcileContext } from '../../src/reconcile/context.js';
import { createLogger, getLogger, setLogger } from '../../src/log.js';
import { districtYaml } from '../helpers/district-repo.js';

let dir: string;
let logs: { level: number; msg: string; file?: string }[];
const previousLogger = getLogger();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sislink-set-'));
  await mkdir(join(dir, 'districts'));
  await mkdir(join(dir, 'secrets'));
  await writeFile(join(dir, 'secrets', 'sis-secret'), 'not-used');
  logs = [];
  setLogger(createLogger({ level: 'info', sink: { write: (line) => void logs.push(JSON.parse(line) as (typeof logs)[number]) } }));
});

afterEach(async () => {
  setLogger(previousLogger);
  await rm(dir, { recursive: true, force: true });
});

const EVERY_15 = '*/15 * * * *';
const yaml = (name: string, extra: { exportsEvery?: string; key?: string } = {}) =>
  districtYaml({
    name, baseUrl: 'https://sis.example.edu/ims/oneroster', tokenUrl: 'https://sis.example.edu/oauth/token', key: extra.key ?? 'key-1',
    ...(extra.exportsEvery !== undefined && {
      classroom: { apiUrl: 'https://classroom.example.edu', tokenUrl: 'https://classroom.example.edu/token' }, gradeExport: true,
      extraSpec: `  exports:\n    - name: grades\n      defaultCategory: Assignments\n      schedule: "${extra.exportsEvery}"\n`,
    }),
  });
const write = (file: string, text: string) => writeFile(join(dir, 'districts', file), text);
const open = () => loadDistrictSet({ paths: ['districts'], cwd: dir, reconcileEvery: EVERY_15 });
const schedules = (set: DistrictSet) => set.entries().map((entry) => `${entry.district} ${entry.kind}${entry.job ? `:${entry.job}` : ''} ${entry.schedule}`).sort();
const warnings = () => logs.filter((line) => line.level === 40);

describe('district set reload', () => {
  it('adds new files, replaces changed ones, drops removed ones, and re-parses only what changed', async () => {
    await write('a.yaml', yaml('a'));
    await write('b.yaml', yaml('b'));
    const set = await open();
    expect(set.names().sort()).toEqual(['a', 'b']);
    const a = set.get('a');
    await write('c.yaml', yaml('c'));
    await write('b.yaml', yaml('b', { exportsEvery: '0 2 * * *' }));
    expect(await set.reload()).toEqual({ added: ['c'], changed: ['b'], removed: [] });
    // a.yaml did not change: the same object, so it was not parsed again.
    expect(set.get('a')).toBe(a);
    expect(schedules(set)).toEqual(['a reconcile */15 * * * *', 'b export:grades 0 2 * * *', 'b reconcile */15 * * * *', 'c reconcile */15 * * * *']);
    await rm(join(dir, 'districts', 'a.yaml'));
    expect(await set.reload()).toEqual({ added: [], changed: [], removed: ['a'] });
    expect(set.get('a')).toBeUndefined();
    expect(await set.reload()).toEqual({ added: [], changed: [], removed: [] });
  });

  it('sees a same-size edit (the stamp has the mtime in nanoseconds and the inode)', async () => {
    await write('a.yaml', yaml('a', { exportsEvery: '0 2 * * *' }));
    const set = await open();
    await write('a.yaml', yaml('a', { exportsEvery: '0 3 * * *' }));
    expect((await set.reload()).changed).toEqual(['a']);
    expect(schedules(set)).toContain('a export:grades 0 3 * * *');
  });

  it('keeps the last good version of a file that breaks, warns once per change, and adopts the fix', async () => {
    await write('a.yaml', yaml('a', { key: 'key-1' }));
    const set = await open();
    const good = set.get('a');
    await write('a.yaml', yaml('a').replace('enabled: true', 'enabled: maybe'));
    await set.reload();
    await set.reload();
    expect(set.get('a')).toBe(good);
    const [problem] = set.problems();
    expect(problem).toMatchObject({ file: 'districts/a.yaml', running: ['a'], declared: [] });
    expect(problem?.problem).toMatch(/^districts\/a\.yaml:\d+:\d+: error \S+ spec\.link\.enabled: /);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]?.msg).toContain('keeping its last good version (a)');
    // Another broken edit with a different error: a new warning.
    await write('a.yaml', yaml('a').replace('timezone: America/Chicago', 'timezone: [unclosed'));
    await set.reload();
    expect(warnings()).toHaveLength(2);
    expect(set.problems()[0]?.problem).toMatch(/YAML_SYNTAX/);
    await write('a.yaml', yaml('a', { key: 'key-2' }));
    expect((await set.reload()).changed).toEqual(['a']);
    expect(set.get('a')?.config.spec.credentials.records[0]?.key).toBe('key-2');
    expect(set.problems()).toEqual([]);
  });

  it('does not schedule a file that was never valid, but names its district in the problem', async () => {
    await write('a.yaml', yaml('a'));
    await write('z.yaml', yaml('z').replace('enabled: true', 'enabled: maybe'));
    const set = await open();
    expect(set.names()).toEqual(['a']);
    expect(set.problems()).toMatchObject([{ file: 'districts/z.yaml', running: [], declared: ['z'] }]);
    expect(warnings()[0]?.msg).toContain('not scheduled (never valid)');
  });

  it('keeps a name with the file that had it; a clash clears once the other file changes; two files may swap names', async () => {
    await write('a.yaml', yaml('x'));
    await write('b.yaml', yaml('y'));
    const set = await open();
    await write('c.yaml', yaml('x'));
    await set.reload();
    expect(set.get('x')?.source.file).toBe(join(dir, 'districts', 'a.yaml'));
    expect(set.problems()[0]?.problem).toMatch(/^districts\/c\.yaml:\d+:\d+: error DUPLICATE_NAME metadata\.name: district name "x" is already used at districts\/a\.yaml:\d+:\d+$/);
    await write('a.yaml', yaml('w'));
    await set.reload();
    expect(set.get('x')?.source.file).toBe(join(dir, 'districts', 'c.yaml'));
    expect(set.problems()).toEqual([]);
    await write('b.yaml', yaml('x'));
    await write('c.yaml', yaml('y'));
    await set.reload();
    expect(set.get('x')?.source.file).toBe(join(dir, 'districts', 'b.yaml'));
    expect(set.get('y')?.source.file).toBe(join(dir, 'districts', 'c.yaml'));
  });

  it('skips other tools\' YAML in the directory and refuses a missing path at start', async () => {
    await write('a.yaml', yaml('a'));
    await write('workflow.yml', 'on: push\njobs: {}\n');
    const set = await open();
    expect(set.problems()).toEqual([]);
    await expect(loadDistrictSet({ paths: ['nowhere'], cwd: dir, reconcileEvery: EVERY_15 })).rejects.toMatchObject({ code: 'CONFIG_NOT_FOUND' });
  });
});

describe('a run for a district the worker has no file for', () => {
  it('looks at the files again once, then fails with a clear error instead of running', async () => {
    let reloads = 0;
    const outcome = await executeRun(
      { context: {} as ReconcileContext, districts: new Map(), reload: async () => void (reloads += 1) },
      { kind: 'reconcile', district: 'gone', job: '', tick: '2026-09-01T12:00:00.000Z' },
    );
    expect(reloads).toBe(1);
    expect(outcome).toEqual({ ok: false, error: 'district "gone" has no valid district file on this worker (removed, or not deployed here yet): not run' });
  });
});

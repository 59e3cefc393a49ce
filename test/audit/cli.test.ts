/** `sislink audit verify` through the built CLI (run `npm run build` first). */
import { afterAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { makeTempDir, removeDirs, writeEvents } from './helpers.js';

const dirs: string[] = [];
afterAll(() => removeDirs(dirs));

describe('sislink audit verify', () => {
  it('exits 0 with the event count for an intact log, by default next to the state', async () => {
    const dir = await makeTempDir(dirs);
    await writeEvents(dir, 12);
    const result = await runCli(['audit', 'verify'], { cwd: dir, env: { SISLINK_STATE: undefined } });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('audit log OK: 12 events\n');
    expect(result.code).toBe(0);
    const explicit = await runCli(['audit', 'verify', '.sislink/audit.log'], { cwd: dir });
    expect(explicit.stdout).toBe('audit log OK: 12 events\n');
    const viaState = await runCli(['--state', 'sqlite:.sislink/state.db', 'audit', 'verify'], { cwd: dir });
    expect(viaState.code).toBe(0);
  });

  it('exits 1 naming the file and the edited line', async () => {
    const dir = await makeTempDir(dirs);
    const path = await writeEvents(dir, 12);
    const text = await readFile(path, 'utf8');
    const lines = text.split('\n');
    lines[7] = lines[7]!.replace('"outcome":"ok"', '"outcome":"ko"');
    await writeFile(path, lines.join('\n'));
    const result = await runCli(['audit', 'verify', '.sislink/audit.log'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^\.sislink\/audit\.log:8: audit chain broken: .*edited/);
  });

  it('exits 1 for a missing log', async () => {
    const dir = await makeTempDir(dirs);
    const result = await runCli(['audit', 'verify', join(dir, 'nope.log')], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('does not exist');
  });
});

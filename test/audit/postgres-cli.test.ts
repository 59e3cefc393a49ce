/** `sislink audit verify|export --state postgres://` through the built CLI (run `npm run build` first). */
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempDir, removeDirs } from './helpers.js';
import { chainOf, closePgStores, tamper } from './pg-helpers.js';

const dirs: string[] = [];
afterEach(() => closePgStores());
afterAll(() => removeDirs(dirs));

describe('sislink audit with PostgreSQL state', () => {
  it('verifies the database chain, and names the first broken seq without the password', async () => {
    const { url } = await chainOf(12);
    const password = new URL(url).password;
    const ok = await runCli(['--state', url, 'audit', 'verify']);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toBe('audit log OK: 12 events\n');
    expect(ok.code).toBe(0);
    await tamper(url, 'DELETE FROM audit_log WHERE seq = 9');
    const broken = await runCli(['--state', url, 'audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/: seq 9: audit chain broken: expected seq 9, found 10: a line was removed/);
    expect(`${broken.stdout}${broken.stderr}`).not.toContain(password);
  });

  it('exports the chain to a file that `audit verify FILE` accepts', async () => {
    const { url } = await chainOf(7);
    const dir = await makeTempDir(dirs);
    const exported = await runCli(['--state', url, 'audit', 'export', 'archive.log'], { cwd: dir });
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toBe('exported 7 audit events to archive.log; verified OK\n');
    expect(exported.code).toBe(0);
    const verified = await runCli(['audit', 'verify', join(dir, 'archive.log')], { cwd: dir });
    expect(verified.stdout).toBe('audit log OK: 7 events\n');
    expect(verified.code).toBe(0);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { openAuditLog } from '../../src/audit/log.js';
import { verifyAuditLog } from '../../src/audit/verify.js';
import { makeTempDir, removeDirs } from './helpers.js';

const dirs: string[] = [];
afterAll(() => removeDirs(dirs));

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('audit lock file', () => {
  it('clears a lock left by a dead process on this host, or an old one from elsewhere', async () => {
    const dir = await makeTempDir(dirs);
    const path = join(dir, 'audit.log');
    await writeFile(`${path}.lock`, JSON.stringify({ pid: deadPid(), host: hostname(), since: Date.now() }));
    await openAuditLog(path).append({ event: 'run.start' });
    await writeFile(`${path}.lock`, JSON.stringify({ pid: 1, host: 'elsewhere', since: Date.now() - 3_600_000 }));
    await openAuditLog(path).append({ event: 'run.finish' });
    expect(await verifyAuditLog(path)).toEqual({ ok: true, lines: 2 });
    expect((await readdir(dir)).sort()).toEqual(['audit.log', 'audit.log.head']);
  });
});

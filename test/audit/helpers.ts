import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditLog } from '../../src/audit/log.js';

export async function makeTempDir(dirs: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sislink-audit-'));
  dirs.push(dir);
  return dir;
}

export async function removeDirs(dirs: string[]): Promise<void> {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
}

/** Writes `count` events to a new log at dir/.sislink/audit.log and returns its path. */
export async function writeEvents(dir: string, count: number): Promise<string> {
  const log = openAuditLog(join(dir, '.sislink', 'audit.log'));
  for (let index = 1; index <= count; index += 1) {
    await log.append({
      event: index % 2 === 0 ? 'action.applied' : 'run.start',
      district: `district-${index % 3}`,
      planHash: `plan-${index}`,
      action: 'update',
      address: `link.connector["district-${index % 3}"]`,
      outcome: 'ok',
      details: { index, zeta: [1, { b: 2, a: 1 }], alpha: 'x' },
    });
  }
  return log.path;
}

export async function readLines(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  return text.split('\n').slice(0, -1);
}

export async function writeLines(path: string, lines: string[]): Promise<void> {
  await writeFile(path, lines.map((line) => `${line}\n`).join(''));
}

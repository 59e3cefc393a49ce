/** Two processes appending to one audit log keep a single linear chain. */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyAuditLog } from '../../src/audit/verify.js';
import type { AuditRecord } from '../../src/audit/types.js';
import { spawnTs } from '../state/child.js';
import { makeTempDir, readLines, removeDirs } from './helpers.js';

const CHILD = fileURLToPath(new URL('./append-child.ts', import.meta.url));
const dirs: string[] = [];
afterAll(() => removeDirs(dirs));

describe('audit appends across processes', () => {
  it('interleaves two writers into one valid chain', async () => {
    const dir = await makeTempDir(dirs);
    const path = join(dir, 'audit.log');
    const writers = ['a', 'b', 'c'].map((tag) => spawnTs(CHILD, [path, '60', tag]));
    const lines = await Promise.all(writers.map((writer) => writer.nextLine()));
    expect(lines).toEqual(['done', 'done', 'done']);
    await Promise.all(writers.map((writer) => writer.exited));
    expect(await verifyAuditLog(path)).toEqual({ ok: true, lines: 180 });
    const records = (await readLines(path)).map((line) => JSON.parse(line) as AuditRecord);
    for (const tag of ['a', 'b', 'c']) {
      const indexes = records.filter((record) => record.details?.tag === tag).map((record) => record.details?.index);
      expect(indexes).toEqual(Array.from({ length: 60 }, (_, index) => index));
    }
  });
});

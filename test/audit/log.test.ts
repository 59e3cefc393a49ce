import { afterEach, describe, expect, it } from 'vitest';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openAuditLog } from '../../src/audit/log.js';
import { EMPTY_HASH, sha256 } from '../../src/audit/serialize.js';
import { verifyAuditLog } from '../../src/audit/verify.js';
import type { AuditRecord } from '../../src/audit/types.js';
import { clearRegisteredSecrets, registerSecret } from '../../src/secrets/redact.js';
import { makeTempDir, readLines, removeDirs, writeEvents } from './helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  clearRegisteredSecrets();
  await removeDirs(dirs);
});

describe('audit log', () => {
  it('appends 100 chained events that verify', async () => {
    const dir = await makeTempDir(dirs);
    const path = await writeEvents(dir, 100);
    expect(path).toBe(join(dir, '.sislink', 'audit.log'));
    expect(await verifyAuditLog(path)).toEqual({ ok: true, lines: 100 });
    const lines = await readLines(path);
    expect(lines).toHaveLength(100);
    const first = JSON.parse(lines[0]!) as AuditRecord;
    expect(first.seq).toBe(1);
    expect(first.prev).toBe(EMPTY_HASH);
    expect(EMPTY_HASH).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (let index = 1; index < lines.length; index += 1) {
      expect((JSON.parse(lines[index]!) as AuditRecord).prev).toBe(sha256(lines[index - 1]!));
    }
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('writes fields in a stable order with sorted details', async () => {
    const dir = await makeTempDir(dirs);
    const log = openAuditLog(join(dir, 'audit.log'), {
      now: () => new Date('2025-03-01T00:00:00Z'),
      env: { GITHUB_ACTOR: 'octocat' },
    });
    const record = await log.append({ details: { b: 1, a: { d: 1, c: 2 } }, outcome: 'ok', event: 'run.finish', district: 'd1' });
    const [line] = await readLines(log.path);
    expect(line).toBe(
      `{"seq":1,"time":"2025-03-01T00:00:00.000Z","actor":"octocat","host":"${record.host}","event":"run.finish",` +
        `"district":"d1","outcome":"ok","details":{"a":{"c":2,"d":1},"b":1},"prev":"${EMPTY_HASH}","hash":"${record.hash}"}`,
    );
    const attested = await log.append({ event: 'manual.attested', actor: 'alice' });
    expect(attested.actor).toBe('alice');
    const read: AuditRecord[] = [];
    for await (const entry of log.read()) read.push(entry);
    expect(read).toEqual([record, attested]);
  });

  it('redacts registered secret values before writing', async () => {
    const dir = await makeTempDir(dirs);
    const canary = 'canary-secret-9f8e7d';
    registerSecret(canary);
    const log = openAuditLog(join(dir, 'audit.log'));
    await log.append({ event: 'action.failed', outcome: `token ${canary} rejected`, details: { [canary]: [canary] } });
    const text = await readFile(log.path, 'utf8');
    expect(text).not.toContain(canary);
    expect(text).toContain('[REDACTED]');
    expect(await verifyAuditLog(log.path)).toEqual({ ok: true, lines: 1 });
  });

  it('keeps one linear chain under concurrent appends in one process', async () => {
    const dir = await makeTempDir(dirs);
    const path = join(dir, 'audit.log');
    const a = openAuditLog(path);
    const b = openAuditLog(path);
    const records = await Promise.all(
      Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? a : b).append({ event: 'action.applied', details: { index } })),
    );
    expect(records.map((record) => record.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await verifyAuditLog(path)).toEqual({ ok: true, lines: 40 });
  });

  it('reads nothing from a missing log and refuses to extend a log cut mid-line', async () => {
    const dir = await makeTempDir(dirs);
    const missing = openAuditLog(join(dir, 'none.log'));
    for await (const _ of missing.read()) expect.unreachable();
    const path = await writeEvents(dir, 2);
    const { truncate } = await import('node:fs/promises');
    await truncate(path, (await stat(path)).size - 5);
    await expect(openAuditLog(path).append({ event: 'run.start' })).rejects.toThrow(/incomplete line/);
  });
});

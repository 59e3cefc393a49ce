/** The audit chain kept in PostgreSQL state: one linear chain for many writers, tamper evidence, export. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/chain-verify.js';
import { runAuditExport } from '../../src/audit/export-command.js';
import { runAuditVerify } from '../../src/audit/verify-command.js';
import { verifyAuditLog } from '../../src/audit/verify.js';
import type { AuditRecord } from '../../src/audit/types.js';
import { freshPostgresUrl, sql } from '../helpers/postgres-url.js';
import { spawnTs } from '../state/child.js';
import { makeTempDir, removeDirs } from './helpers.js';
import { appendEvents, chainLog, chainOf, closePgStores, openPgStore, storedLines, tamper } from './pg-helpers.js';

const CHILD = fileURLToPath(new URL('./pg-append-child.ts', import.meta.url));
const dirs: string[] = [];
afterEach(() => closePgStores());
afterAll(() => removeDirs(dirs));

function capture(): { write: (text: string) => void; text: () => string } {
  let out = '';
  return { write: (text) => void (out += text), text: () => out };
}

function expectEachTagInOrder(records: AuditRecord[], tags: string[], count: number): void {
  for (const tag of tags) {
    const indexes = records.filter((record) => record.details?.tag === tag).map((record) => record.details?.index);
    expect(indexes).toEqual(Array.from({ length: count }, (_, index) => index));
  }
}

describe('PostgreSQL audit chain', () => {
  it('keeps one linear chain of 200 when 4 processes append 50 events each', async () => {
    const url = await freshPostgresUrl();
    const store = await openPgStore(url);
    const tags = ['a', 'b', 'c', 'd'];
    const writers = tags.map((tag) => spawnTs(CHILD, [url, '50', tag]));
    expect(await Promise.all(writers.map((writer) => writer.nextLine()))).toEqual(['done', 'done', 'done', 'done']);
    expect(await Promise.all(writers.map((writer) => writer.exited))).toEqual([0, 0, 0, 0]);
    expect(await verifyAuditChain(store.auditChain())).toEqual({ ok: true, lines: 200 });
    expect((await storedLines(url)).map((row) => row.seq)).toEqual(Array.from({ length: 200 }, (_, index) => index + 1));
    const records: AuditRecord[] = [];
    for await (const record of chainLog(url, store).read()) records.push(record);
    expect(records.map((record) => record.seq)).toEqual(Array.from({ length: 200 }, (_, index) => index + 1));
    expectEachTagInOrder(records, tags, 50);
    const out = capture();
    expect(await runAuditVerify({ stateUrl: url, write: out.write })).toBe(0);
    expect(out.text()).toBe('audit log OK: 200 events\n');
  });

  it('keeps one linear chain when 4 stores in one process append concurrently', async () => {
    const url = await freshPostgresUrl();
    const stores = await Promise.all([1, 2, 3, 4].map(() => openPgStore(url)));
    await Promise.all(stores.map((store, index) => appendEvents(chainLog(url, store), 50, `s${index}`)));
    expect(await verifyAuditChain(stores[0]!.auditChain())).toEqual({ ok: true, lines: 200 });
    const lines = await storedLines(url);
    for (const [index, row] of lines.entries()) expect((JSON.parse(row.line) as AuditRecord).seq).toBe(index + 1);
  });

  it('refuses to update, delete or truncate audit rows', async () => {
    const { url, store } = await chainOf(5);
    for (const statement of ['UPDATE audit_log SET line = line WHERE seq = 2', 'DELETE FROM audit_log WHERE seq = 5', 'TRUNCATE audit_log']) {
      await expect(sql(url, statement), statement).rejects.toThrow(/the audit log is append-only: (UPDATE|DELETE|TRUNCATE) refused/);
    }
    expect(await storedLines(url)).toHaveLength(5);
    await appendEvents(chainLog(url, store), 2);
    expect(await verifyAuditChain(store.auditChain())).toEqual({ ok: true, lines: 7 });
  });

  it('names the seq of an edited row', async () => {
    const { url, store } = await chainOf(20);
    await tamper(url, `UPDATE audit_log SET line = replace(line, '"outcome":"ok"', '"outcome":"ko"') WHERE seq = 7`);
    expect(await verifyAuditChain(store.auditChain())).toMatchObject({ ok: false, line: 7, reason: expect.stringMatching(/edited/) });
    const out = capture();
    expect(await runAuditVerify({ stateUrl: url, write: out.write })).toBe(1);
    expect(out.text()).toMatch(/^postgres:\/\/\S+: seq 7: audit chain broken: .*edited/);
    expect(out.text()).not.toMatch(/:[^:@/]+@127/);
  });

  it('names the seq of a deleted row', async () => {
    const { url, store } = await chainOf(20);
    await tamper(url, 'DELETE FROM audit_log WHERE seq = 12');
    expect(await verifyAuditChain(store.auditChain())).toMatchObject({ ok: false, line: 12, reason: expect.stringMatching(/removed/) });
  });

  it('names the first seq of a reordered pair', async () => {
    const { url, store } = await chainOf(20);
    await tamper(url, 'UPDATE audit_log AS a SET line = b.line FROM audit_log AS b WHERE a.seq IN (5, 6) AND b.seq = 11 - a.seq');
    expect(await verifyAuditChain(store.auditChain())).toMatchObject({ ok: false, line: 5, reason: expect.stringMatching(/reordered/) });
  });

  it('notices rows cut off the end through the recorded head', async () => {
    const { url, store } = await chainOf(20);
    await tamper(url, 'DELETE FROM audit_log WHERE seq > 17');
    expect(await verifyAuditChain(store.auditChain())).toMatchObject({ ok: false, line: 18, reason: expect.stringMatching(/cut off the end/) });
  });

  it('exports a chain the file verifier accepts, byte for byte as stored', async () => {
    const { url } = await chainOf(30);
    const dir = await makeTempDir(dirs);
    const file = join(dir, 'archive', '..', 'audit-export.log');
    const out = capture();
    expect(await runAuditExport({ stateUrl: url, file, write: out.write })).toBe(0);
    expect(out.text()).toContain('exported 30 audit events');
    expect(await verifyAuditLog(file)).toEqual({ ok: true, lines: 30 });
    const rows = await storedLines(url);
    expect(await readFile(file, 'utf8')).toBe(rows.map((row) => `${row.line}\n`).join(''));
    expect(JSON.parse(await readFile(`${file}.head`, 'utf8'))).toMatchObject({ seq: 30 });
  });

  it('exports a damaged chain as evidence and exits 1 naming the same line', async () => {
    const { url } = await chainOf(10);
    await tamper(url, 'DELETE FROM audit_log WHERE seq = 4');
    const file = join(await makeTempDir(dirs), 'audit.log');
    const out = capture();
    expect(await runAuditExport({ stateUrl: url, file, write: out.write })).toBe(1);
    expect(out.text()).toMatch(/broken at line 4/);
    expect(await verifyAuditLog(file)).toMatchObject({ ok: false, line: 4 });
  });
});

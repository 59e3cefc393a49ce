/** Readers' view of an audit log file: one event's records, streamed, damaged lines skipped. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readAuditEvents } from '../../src/audit/records.js';

describe('readAuditEvents', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function logFile(text: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'sislink-records-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'audit.log'), text);
    return join(dir, 'audit.log');
  }

  it('keeps only the asked event, in log order, across read chunks', async () => {
    const filler = 'x'.repeat(200_000);
    const lines = [
      { event: 'run.start', district: 'a' },
      { event: 'run.finish', district: 'a', outcome: 'applied' },
      // Names the event in a value only: the record is another event.
      { event: 'action.applied', district: 'b', details: { note: 'run.finish', filler } },
      { event: 'run.finish', district: 'b', outcome: 'failed' },
    ].map((record) => JSON.stringify(record));
    const path = logFile(`${lines.join('\n')}\n`);
    const records = await readAuditEvents({ kind: 'file', path }, ['run.finish']);
    expect(records.map((record) => [record.district, record.outcome])).toEqual([['a', 'applied'], ['b', 'failed']]);
    const both = await readAuditEvents({ kind: 'file', path }, ['run.start', 'run.finish']);
    expect(both.map((record) => record.event)).toEqual(['run.start', 'run.finish', 'run.finish']);
  });

  it('skips a torn or non-JSON line and reads a last line without a newline', async () => {
    const path = logFile(['{"event":"run.finish","district":"a"', 'not json run.finish', '{"event":"run.finish","district":"c"}'].join('\n'));
    const records = await readAuditEvents({ kind: 'file', path }, ['run.finish']);
    expect(records.map((record) => record.district)).toEqual(['c']);
  });

  it('reads a log that does not exist yet as empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sislink-records-'));
    dirs.push(dir);
    expect(await readAuditEvents({ kind: 'file', path: join(dir, 'audit.log') }, ['run.finish'])).toEqual([]);
  });
});

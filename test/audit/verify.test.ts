import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serializeRecord } from '../../src/audit/serialize.js';
import { verifyAuditLog } from '../../src/audit/verify.js';
import { isSislinkError } from '../../src/errors.js';
import { makeTempDir, readLines, removeDirs, writeEvents, writeLines } from './helpers.js';

const dirs: string[] = [];
let original = '';
let dir = '';
let count = 0;

/** A fresh copy of the 10-event log (with its head file) for one tampering. */
async function copy(): Promise<string> {
  count += 1;
  const path = join(dir, `copy-${count}.log`);
  await copyFile(original, path);
  await copyFile(`${original}.head`, `${path}.head`);
  return path;
}

/** Flips one byte in line `line` (1-based) at a position inside a JSON value. */
async function editByte(path: string, line: number, column: number): Promise<void> {
  const lines = await readLines(path);
  const target = lines[line - 1]!;
  const char = target[column]!;
  lines[line - 1] = target.slice(0, column) + (char === 'a' ? 'b' : 'a') + target.slice(column + 1);
  await writeLines(path, lines);
}

beforeAll(async () => {
  dir = await makeTempDir(dirs);
  original = await writeEvents(dir, 10);
});
afterAll(() => removeDirs(dirs));

describe('verifyAuditLog', () => {
  it('accepts the untouched log', async () => {
    expect(await verifyAuditLog(original)).toEqual({ ok: true, lines: 10 });
  });

  for (const line of [1, 2, 5, 9, 10]) {
    for (const where of ['value', 'prev', 'hash'] as const) {
      it(`names line ${line} when one byte of its ${where} is edited`, async () => {
        const path = await copy();
        const text = (await readLines(path))[line - 1]!;
        const column = where === 'value'
          ? text.indexOf('"plan-') + 3
          : text.indexOf(`"${where}":"`) + where.length + 10;
        await editByte(path, line, column);
        const result = await verifyAuditLog(path);
        expect(result).toMatchObject({ ok: false, line });
      });
    }
  }

  it('names a line whose JSON was broken or whose whitespace changed', async () => {
    const broken = await copy();
    const lines = await readLines(broken);
    lines[3] = lines[3]!.replace('{', '[');
    await writeLines(broken, lines);
    expect(await verifyAuditLog(broken)).toMatchObject({ ok: false, line: 4, reason: expect.stringMatching(/JSON/) });
    const spaced = await copy();
    const more = await readLines(spaced);
    more[6] = more[6]!.replace('"seq":7', '"seq": 7');
    await writeLines(spaced, more);
    expect(await verifyAuditLog(spaced)).toMatchObject({ ok: false, line: 7, reason: expect.stringMatching(/edited/) });
  });

  for (const removed of [1, 4, 10]) {
    it(`names line ${removed} when it was removed`, async () => {
      const path = await copy();
      const lines = await readLines(path);
      lines.splice(removed - 1, 1);
      await writeLines(path, lines);
      expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: removed });
    });
  }

  for (const first of [1, 5, 9]) {
    it(`names line ${first} when lines ${first} and ${first + 1} are swapped`, async () => {
      const path = await copy();
      const lines = await readLines(path);
      [lines[first - 1], lines[first]] = [lines[first]!, lines[first - 1]!];
      await writeLines(path, lines);
      expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: first, reason: expect.stringMatching(/reordered/) });
    });
  }

  it('names an inserted line', async () => {
    const path = await copy();
    const lines = await readLines(path);
    lines.splice(6, 0, lines[2]!);
    await writeLines(path, lines);
    expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: 7, reason: expect.stringMatching(/inserted/) });
    const blank = await copy();
    const more = await readLines(blank);
    more.splice(3, 0, '');
    await writeLines(blank, more);
    expect(await verifyAuditLog(blank)).toMatchObject({ ok: false, line: 4 });
  });

  it('detects truncation mid-line and of whole lines', async () => {
    const midLine = await copy();
    const size = (await readFile(midLine)).length;
    await truncate(midLine, size - 20);
    expect(await verifyAuditLog(midLine)).toMatchObject({ ok: false, line: 10, reason: expect.stringMatching(/incomplete/) });
    const cut = await copy();
    await writeLines(cut, (await readLines(cut)).slice(0, 7));
    expect(await verifyAuditLog(cut)).toMatchObject({ ok: false, line: 8, reason: expect.stringMatching(/cut off the end/) });
    const emptied = await copy();
    await writeFile(emptied, '');
    expect(await verifyAuditLog(emptied)).toMatchObject({ ok: false, line: 1 });
  });

  it('catches a line rewritten with a recomputed hash at the next line, or at the head', async () => {
    for (const [line, expected] of [[4, 5], [10, 10]] as const) {
      const path = await copy();
      const lines = await readLines(path);
      const { hash: _hash, ...record } = JSON.parse(lines[line - 1]!) as Record<string, unknown>;
      lines[line - 1] = serializeRecord({ ...record, outcome: 'forged' } as unknown as Parameters<typeof serializeRecord>[0]).line;
      await writeLines(path, lines);
      expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: expected });
    }
  });

  it('verifies a log copied without its head, and refuses a missing file', async () => {
    const path = await copy();
    await rm(`${path}.head`);
    expect(await verifyAuditLog(path)).toEqual({ ok: true, lines: 10 });
    await expect(verifyAuditLog(join(dir, 'absent.log'))).rejects.toSatisfy((error) => isSislinkError(error, 'NOT_FOUND'));
  });
});

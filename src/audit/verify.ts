/**
 * Verifies the audit chain and names the first line that was edited, removed, inserted or
 * reordered. Each line is checked on its own (canonical bytes + own hash), then against its
 * position (seq) and its predecessor (prev), and finally the end against the head file.
 */
import { stat } from 'node:fs/promises';
import { SislinkError } from '../errors.js';
import { readRawLines, type RawLine } from './lines.js';
import { EMPTY_HASH, isCanonicalLine, sha256 } from './serialize.js';
import { headPath, readHead } from './tail.js';
import type { AuditVerifyResult } from './types.js';

function parseLine(raw: RawLine): { record: Record<string, unknown> } | { reason: string } {
  if (!raw.complete) return { reason: 'incomplete last line (the log was cut mid-line)' };
  if (raw.bytes.length === 0) return { reason: 'empty line (a line was inserted or blanked)' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.bytes.toString('utf8'));
  } catch {
    return { reason: 'not valid JSON (the line was edited)' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { reason: 'not an audit record' };
  const record = parsed as Record<string, unknown>;
  if (!Number.isInteger(record.seq) || typeof record.prev !== 'string' || typeof record.hash !== 'string') {
    return { reason: 'not an audit record (seq, prev or hash missing)' };
  }
  if (!isCanonicalLine(raw.bytes, record)) return { reason: 'content does not match its hash (the line was edited)' };
  return { record };
}

function checkPosition(record: Record<string, unknown>, line: number, previousHash: string): string | undefined {
  const seq = record.seq as number;
  if (seq > line) return `expected seq ${line}, found ${seq}: a line was removed before it or lines were reordered`;
  if (seq < line) return `expected seq ${line}, found ${seq}: a line was inserted before it or lines were reordered`;
  if (record.prev !== previousHash) {
    return line === 1
      ? 'the first line does not start the chain (prev is not sha256 of the empty string)'
      : `prev does not match line ${line - 1}: a line before it was edited, removed or inserted`;
  }
  return undefined;
}

export async function verifyAuditLog(path: string): Promise<AuditVerifyResult> {
  try {
    await stat(path);
  } catch {
    throw new SislinkError('NOT_FOUND', `audit log ${path} does not exist`);
  }
  const head = await readHead(path);
  let previousHash = EMPTY_HASH;
  let lines = 0;
  for await (const raw of readRawLines(path)) {
    const parsed = parseLine(raw);
    if ('reason' in parsed) return { ok: false, line: raw.number, reason: parsed.reason };
    const reason = checkPosition(parsed.record, raw.number, previousHash);
    if (reason !== undefined) return { ok: false, line: raw.number, reason };
    previousHash = sha256(raw.bytes);
    lines = raw.number;
    if (head !== undefined && head.seq === lines && head.hash !== previousHash) {
      return { ok: false, line: lines, reason: `does not match ${headPath(path)} (the log was rewritten from here)` };
    }
  }
  if (head !== undefined && head.seq > lines) {
    return {
      ok: false,
      line: lines + 1,
      reason: `missing: the log ends after line ${lines} but ${headPath(path)} records ${head.seq} events (lines were cut off the end)`,
    };
  }
  return { ok: true, lines };
}

/**
 * The checks of an audit chain, whatever holds it (a file, a database table): each line on its own
 * (canonical bytes + own hash), then against its position (seq) and its predecessor (prev), and
 * finally the end against the recorded head. Names the first line that was edited, removed,
 * inserted or reordered.
 */
import type { RawLine } from './lines.js';
import { EMPTY_HASH, isCanonicalLine, sha256 } from './serialize.js';
import type { ChainTip } from './tail.js';
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

/**
 * `lines` in chain order, numbered from 1; `head` is the newest line as last recorded (if any),
 * `headName` says where it is kept, for the messages.
 */
export async function verifyChainLines(
  lines: AsyncIterable<RawLine>,
  head: ChainTip | undefined,
  headName: string,
): Promise<AuditVerifyResult> {
  let previousHash = EMPTY_HASH;
  let count = 0;
  for await (const raw of lines) {
    const parsed = parseLine(raw);
    if ('reason' in parsed) return { ok: false, line: raw.number, reason: parsed.reason };
    const reason = checkPosition(parsed.record, raw.number, previousHash);
    if (reason !== undefined) return { ok: false, line: raw.number, reason };
    previousHash = sha256(raw.bytes);
    count = raw.number;
    if (head !== undefined && head.seq === count && head.hash !== previousHash) {
      return { ok: false, line: count, reason: `does not match ${headName} (the log was rewritten from here)` };
    }
  }
  if (head !== undefined && head.seq > count) {
    return {
      ok: false,
      line: count + 1,
      reason: `missing: the log ends after line ${count} but ${headName} records ${head.seq} events (lines were cut off the end)`,
    };
  }
  return { ok: true, lines: count };
}

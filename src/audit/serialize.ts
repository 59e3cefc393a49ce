/**
 * Canonical audit lines: known fields in a fixed order, nested keys sorted, no whitespace, and a
 * trailing `hash` over everything before it. Re-serialising a parsed line must give the same
 * bytes, so any edit (even whitespace or escaping) is detected on the line itself.
 */
import { createHash } from 'node:crypto';
import type { AuditRecord } from './types.js';

export const FIELD_ORDER = [
  'seq', 'time', 'actor', 'host', 'event', 'district', 'configFile', 'gitCommit', 'blobHash', 'gitDirty',
  'planHash', 'action', 'address', 'outcome', 'details', 'prev',
] as const;

export const EMPTY_HASH = sha256('');

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined) sorted[key] = sortDeep(entry);
  }
  return sorted;
}

/** Canonical JSON of a record without its `hash`; unknown top-level fields go last, sorted. */
export function canonicalBody(record: Record<string, unknown>): string {
  const ordered: Record<string, unknown> = {};
  const known = new Set<string>(FIELD_ORDER);
  for (const key of FIELD_ORDER) {
    if (record[key] !== undefined) ordered[key] = sortDeep(record[key]);
  }
  for (const key of Object.keys(record).sort()) {
    if (!known.has(key) && key !== 'hash' && record[key] !== undefined) ordered[key] = sortDeep(record[key]);
  }
  return JSON.stringify(ordered);
}

/** The full line (without newline) for a record whose `hash` is computed here. */
export function serializeRecord(record: Omit<AuditRecord, 'hash'>): { line: string; hash: string } {
  const body = canonicalBody(record as unknown as Record<string, unknown>);
  const hash = sha256(body);
  return { line: `${body.slice(0, -1)},"hash":"${hash}"}`, hash };
}

/** Whether `raw` is exactly the canonical line of the record it parses to. */
export function isCanonicalLine(raw: Buffer, record: Record<string, unknown>): boolean {
  const expected = serializeRecord(record as unknown as Omit<AuditRecord, 'hash'>);
  return record.hash === expected.hash && raw.equals(Buffer.from(expected.line, 'utf8'));
}

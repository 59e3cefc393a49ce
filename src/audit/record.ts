/**
 * Turns an event into the next audit line, whatever holds the chain: git provenance and
 * redaction first (outside any lock, git may be slow), then seq/time/actor/prev against the tip.
 */
import { redact } from '../secrets/redact.js';
import { actorInfo } from './actor.js';
import { gitEnricher } from './enrich.js';
import { serializeRecord, sha256 } from './serialize.js';
import type { ChainTip } from './tail.js';
import type { AuditEvent, AuditRecord } from './types.js';

export interface AuditLogOptions {
  /** Clock for the `time` field; the wall clock by default. */
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  /** Base for relative `configFile` paths; the working directory by default. */
  cwd?: string;
  /** Add gitCommit/blobHash/gitDirty to events naming a config file in a git repository (default true). */
  git?: boolean;
}

export interface SealedRecord {
  record: AuditRecord;
  /** The exact line (no newline) the next record's `prev` hashes. */
  line: string;
  /** The chain tip after this line. */
  tip: ChainTip;
}

export interface AuditRecordMaker {
  /** Adds git provenance and scrubs registered secret values. */
  prepare(event: AuditEvent): Promise<AuditEvent>;
  /** The line that follows `tip`; call while holding the chain's lock. */
  seal(prepared: AuditEvent, tip: ChainTip): SealedRecord;
}

/** Scrubs registered secret values from every string, keys included. */
export function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [redact(key), redactDeep(entry)]));
}

export function auditRecordMaker(options: AuditLogOptions = {}): AuditRecordMaker {
  const actor = actorInfo(options.env);
  const now = options.now ?? (() => new Date());
  const enrich = options.git === false ? async (event: AuditEvent) => event : gitEnricher(options.cwd ?? process.cwd());
  return {
    prepare: async (event) => redactDeep(await enrich(event)) as AuditEvent,
    seal(prepared, tip) {
      const { actor: actorOverride, ...fields } = prepared;
      const unsigned: Omit<AuditRecord, 'hash'> = {
        ...fields,
        seq: tip.seq + 1,
        time: now().toISOString(),
        actor: actorOverride ?? actor.name,
        host: actor.host,
        prev: tip.hash,
      };
      const { line, hash } = serializeRecord(unsigned);
      return { record: { ...unsigned, hash }, line, tip: { seq: unsigned.seq, hash: sha256(line) } };
    },
  };
}

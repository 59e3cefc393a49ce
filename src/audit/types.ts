/** Audit log records: one JSON line per event, chained by the SHA-256 of the previous line. */
export type AuditEventName =
  | 'run.start'
  | 'run.finish'
  | 'run.recovered'
  | 'action.applied'
  | 'action.failed'
  | 'action.recovered'
  | 'manual.created'
  | 'manual.attested'
  | 'lock.forced'
  | 'lock.takeover'
  | 'state.moved';

/** What a caller appends; the log adds seq, time, actor, host, prev and hash. */
export interface AuditEvent {
  /** One of AuditEventName, or another dotted name for events added later. */
  event: AuditEventName | (string & Record<never, never>);
  district?: string;
  configFile?: string;
  gitCommit?: string;
  blobHash?: string;
  /** True when the config file differs from its blob at gitCommit. */
  gitDirty?: boolean;
  planHash?: string;
  action?: string;
  address?: string;
  outcome?: string;
  details?: Record<string, unknown>;
  /** Overrides the detected actor (e.g. the person who attests a manual step). */
  actor?: string;
}

export interface AuditRecord extends Omit<AuditEvent, 'actor'> {
  /** 1 for the first line, then +1 per line. */
  seq: number;
  time: string;
  actor: string;
  host: string;
  /** SHA-256 hex of the previous line's exact bytes (without its newline); sha256('') for the first. */
  prev: string;
  /** SHA-256 hex of this line's canonical JSON without the `hash` field. */
  hash: string;
}

export type AuditVerifyResult = { ok: true; lines: number } | { ok: false; line: number; reason: string };

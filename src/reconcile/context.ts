import type { Logger } from '../log.js';
import type { StateStore } from '../state/types.js';
import type { CredentialTester } from '../providers/credential-test.js';

/** Everything a reconcile run needs, injected so tests can point it at real local servers. */
export interface ReconcileContext {
  store: StateStore;
  /** The clock for every date decision (--now). */
  now: Date;
  cwd: string;
  logger: Logger;
  testCredential: CredentialTester;
  audit: AuditSink;
  /** Who runs this: GITHUB_ACTOR or the OS user. */
  actor: string;
}

export interface AuditEvent {
  event: string;
  district?: string;
  configFile?: string;
  planHash?: string;
  action?: string;
  address?: string;
  outcome?: string;
  details?: Record<string, unknown>;
}

export interface AuditSink {
  append(event: AuditEvent): Promise<unknown>;
}

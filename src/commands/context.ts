/** Opens what a reconcile-type command needs: state store, audit log, logger, credential tester. */
import { dirname, join, resolve } from 'node:path';
import { openStateStore, parseStateUrl } from '../state/open.js';
import { openAuditLog, currentActor } from '../audit/index.js';
import { getLogger } from '../log.js';
import { oneRosterCredentialTester, type CredentialTester } from '../providers/credential-test.js';
import type { ReconcileContext } from '../reconcile/context.js';

export interface ContextOptions {
  state: string;
  now: Date;
  cwd?: string;
  auditLog?: string;
  testCredential?: CredentialTester;
}

/** The audit log sits next to a SQLite state file, else under .sislink/ of the working directory. */
export function defaultAuditPath(stateUrl: string, cwd: string): string {
  const location = parseStateUrl(stateUrl, cwd);
  return location.kind === 'sqlite' ? join(dirname(location.path), 'audit.log') : resolve(cwd, '.sislink', 'audit.log');
}

export async function openReconcileContext(options: ContextOptions): Promise<ReconcileContext & { close(): Promise<void> }> {
  const cwd = options.cwd ?? process.cwd();
  const store = await openStateStore(options.state, { cwd });
  const audit = await openAuditLog(options.auditLog ?? defaultAuditPath(options.state, cwd));
  const actor = currentActor();
  return {
    store,
    now: options.now,
    cwd,
    logger: getLogger(),
    testCredential: options.testCredential ?? oneRosterCredentialTester(),
    audit: { append: (event) => audit.append({ ...event }) },
    actor,
    close: () => store.close(),
  };
}

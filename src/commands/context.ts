/** Opens what a reconcile-type command needs: state store, audit log, logger, credential tester. */
import { openStateStore } from '../state/open.js';
import { currentActor, openAuditLogForState } from '../audit/index.js';
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

export async function openReconcileContext(options: ContextOptions): Promise<ReconcileContext & { close(): Promise<void> }> {
  const cwd = options.cwd ?? process.cwd();
  const store = await openStateStore(options.state, { cwd });
  const audit = openAuditLogForState(options.state, { auditFile: options.auditLog, cwd, store });
  const actor = currentActor();
  return {
    store,
    now: options.now,
    cwd,
    logger: getLogger(),
    testCredential: options.testCredential ?? oneRosterCredentialTester(),
    audit: { append: (event) => audit.append({ ...event }) },
    actor,
    close: async () => {
      await audit.close();
      await store.close();
    },
  };
}

/** `sislink state unlock DISTRICT`: removes a lock whatever its holder, and records who did it. */
import { openAuditLogForState } from '../audit/for-state.js';
import { describeHolder, publicHolder } from './locks.js';
import { openStateStore, stateStoreExists } from './open.js';

export interface StateUnlockOptions {
  stateUrl: string;
  district: string;
  cwd?: string;
  /** Audit log file; by default the state's own log (next to a SQLite state, in a PostgreSQL one). */
  auditFile?: string;
  write?: (text: string) => void;
}

export async function runStateUnlock(options: StateUnlockOptions): Promise<number> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  if (!stateStoreExists(options.stateUrl, options.cwd)) {
    write(`district "${options.district}" is not locked (no state store at ${options.stateUrl})\n`);
    return 0;
  }
  const store = await openStateStore(options.stateUrl, options.cwd === undefined ? {} : { cwd: options.cwd });
  try {
    const holder = await store.forceUnlock(options.district);
    if (holder === undefined) {
      write(`district "${options.district}" is not locked\n`);
      return 0;
    }
    const audit = openAuditLogForState(options.stateUrl, { auditFile: options.auditFile, cwd: options.cwd, store });
    await audit.append({
      event: 'lock.forced',
      district: options.district,
      outcome: 'removed',
      details: { holder: publicHolder(holder) },
    });
    write(`removed the lock on district "${options.district}" held by ${describeHolder(holder)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

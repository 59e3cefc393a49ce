/** `sislink audit verify [FILE]`: exit 0 with the event count, or 1 naming the first broken line. */
import { relative } from 'node:path';
import { auditPathForState } from './paths.js';
import { verifyAuditLog } from './verify.js';

export interface AuditVerifyOptions {
  /** The log to check; by default the one next to the state (`.sislink/audit.log`). */
  file?: string;
  stateUrl?: string;
  cwd?: string;
  write?: (text: string) => void;
}

const DEFAULT_STATE_URL = 'sqlite:.sislink/state.db';

export async function runAuditVerify(options: AuditVerifyOptions = {}): Promise<number> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const cwd = options.cwd ?? process.cwd();
  const path = options.file ?? auditPathForState(options.stateUrl ?? DEFAULT_STATE_URL, cwd);
  const shown = options.file ?? (relative(cwd, path) || path);
  const result = await verifyAuditLog(path);
  if (result.ok) {
    write(`audit log OK: ${result.lines} events\n`);
    return 0;
  }
  write(`${shown}:${result.line}: audit chain broken: ${result.reason}\n`);
  return 1;
}

/**
 * `sislink audit verify [FILE]`: exit 0 with the event count, or 1 naming the first broken line
 * (for a database chain, the first broken seq).
 */
import { relative } from 'node:path';
import { verifyAuditChain } from './chain-verify.js';
import { auditLocationForState } from './for-state.js';
import { verifyAuditLog } from './verify.js';

export interface AuditVerifyOptions {
  /** The log file to check; by default the state's own log (file next to it, or the database chain). */
  file?: string;
  stateUrl?: string;
  cwd?: string;
  write?: (text: string) => void;
}

const DEFAULT_STATE_URL = 'sqlite:.sislink/state.db';

export async function runAuditVerify(options: AuditVerifyOptions = {}): Promise<number> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const cwd = options.cwd ?? process.cwd();
  const location = auditLocationForState(options.stateUrl ?? DEFAULT_STATE_URL, { auditFile: options.file, cwd });
  if (location.kind === 'chain') {
    try {
      const result = await verifyAuditChain(await location.source.chain());
      if (result.ok) {
        write(`audit log OK: ${result.lines} events\n`);
        return 0;
      }
      write(`${location.source.location}: seq ${result.line}: audit chain broken: ${result.reason}\n`);
      return 1;
    } finally {
      await location.source.close();
    }
  }
  const shown = options.file ?? (relative(cwd, location.path) || location.path);
  const result = await verifyAuditLog(location.path);
  if (result.ok) {
    write(`audit log OK: ${result.lines} events\n`);
    return 0;
  }
  write(`${shown}:${result.line}: audit chain broken: ${result.reason}\n`);
  return 1;
}

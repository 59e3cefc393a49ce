/**
 * `sislink audit export FILE`: writes the state's audit log (for PostgreSQL state, the database
 * chain) as a file with its `.head`, then verifies the file as an auditor would. Exit 1 when the
 * exported chain does not verify (the file is still written, as evidence).
 */
import { resolve } from 'node:path';
import { exportAuditLog } from './export.js';
import { auditLocationForState } from './for-state.js';
import { verifyAuditLog } from './verify.js';

export interface AuditExportOptions {
  stateUrl: string;
  /** Where to write the log; `FILE.head` is written next to it. */
  file: string;
  cwd?: string;
  write?: (text: string) => void;
}

export async function runAuditExport(options: AuditExportOptions): Promise<number> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const cwd = options.cwd ?? process.cwd();
  const target = resolve(cwd, options.file);
  const location = auditLocationForState(options.stateUrl, { cwd });
  try {
    await exportAuditLog(location, target);
  } finally {
    if (location.kind === 'chain') await location.source.close();
  }
  const result = await verifyAuditLog(target);
  if (result.ok) {
    write(`exported ${result.lines} audit events to ${options.file}; verified OK\n`);
    return 0;
  }
  write(`exported the audit log to ${options.file}, but its chain is broken at line ${result.line}: ${result.reason}\n`);
  return 1;
}

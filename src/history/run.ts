import { withAuditLogFile } from '../audit/snapshot.js';
import { redact } from '../secrets/redact.js';
import { collectHistory, parseSince } from './history.js';
import { renderHistory, type HistoryFormat } from './render.js';

export interface HistoryCommandOptions {
  paths: string[];
  since?: string;
  format: HistoryFormat;
  state: string;
  auditLog?: string;
  cwd?: string;
  write?: (text: string) => void;
}

export async function runHistory(options: HistoryCommandOptions): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const since = parseSince(options.since);
  const histories = await withAuditLogFile(options.state, { auditFile: options.auditLog, cwd }, (auditLog) =>
    collectHistory({ paths: options.paths, cwd, since, auditLog }));
  write(redact(renderHistory(histories, options.format)));
  return 0;
}

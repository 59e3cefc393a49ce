import { withAuditLocation } from '../audit/records.js';
import { readApplyRuns } from './audit-join.js';
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
  const applyRuns = await withAuditLocation(options.state, { auditFile: options.auditLog, cwd }, readApplyRuns);
  const histories = await collectHistory({ paths: options.paths, cwd, since, applyRuns });
  write(redact(renderHistory(histories, options.format)));
  return 0;
}

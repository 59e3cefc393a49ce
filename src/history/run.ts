import { auditPathForState } from '../audit/paths.js';
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
  const histories = await collectHistory({
    paths: options.paths,
    cwd,
    since: parseSince(options.since),
    auditLog: options.auditLog ?? auditPathForState(options.state, cwd),
  });
  write(redact(renderHistory(histories, options.format)));
  return 0;
}

/** `sislink report --out report.html`: the auditor's page for the districts under PATH... */
import { rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readAuditEvents, withAuditLocation } from '../audit/records.js';
import { loadDistrictsOrThrow } from '../config/load.js';
import { redact } from '../secrets/redact.js';
import { renderReportHtml } from './html.js';
import { buildReportModel } from './model.js';

export interface ReportCommandOptions {
  paths: string[];
  out: string;
  now: Date;
  state: string;
  auditLog?: string;
  cwd?: string;
  write?: (text: string) => void;
}

export async function runReport(options: ReportCommandOptions): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const { districts } = await loadDistrictsOrThrow(options.paths, { cwd });
  // One pass over the log for both: applies of the link, and data-exchange runs.
  const records = await withAuditLocation(options.state, { auditFile: options.auditLog, cwd }, (location) => readAuditEvents(location, ['run.finish', 'job.finish']));
  const applyRuns = records.filter((record) => record.event === 'run.finish');
  const jobRuns = records.filter((record) => record.event === 'job.finish');
  const model = await buildReportModel(districts, { paths: options.paths, cwd, now: options.now, applyRuns, jobRuns });
  const out = resolve(cwd, options.out);
  const temporary = `${out}.${process.pid}.tmp`;
  await writeFile(temporary, redact(renderReportHtml(model)), { mode: 0o644 });
  await rename(temporary, out);
  (options.write ?? ((text: string) => void process.stdout.write(text)))(`report written to ${options.out} (${districts.length} district${districts.length === 1 ? '' : 's'})\n`);
  return 0;
}

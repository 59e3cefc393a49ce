import { loadDistrictsOrThrow } from '../config/load.js';
import type { ExportJobSpec, LoadedDistrict } from '../config/types.js';
import { SislinkError } from '../errors.js';
import { runExportJob, type ExportProgress } from '../jobs/export/run.js';
import type { ExportSummary } from '../jobs/export/tally.js';
import { openStateStore } from '../state/open.js';
import { openAuditLogForState } from '../audit/index.js';
import { writeJsonReports, type JobCommandOptions } from './job-command.js';

export interface ExportCommandOptions extends JobCommandOptions {
  mode: 'plan' | 'run';
  job?: string;
  full?: boolean;
}

/** The export jobs the paths name, narrowed by --job. */
export function selectJobs(districts: LoadedDistrict[], jobName: string | undefined): { district: LoadedDistrict; job: ExportJobSpec }[] {
  const selected = districts.flatMap((district) =>
    district.config.spec.exports.filter((job) => jobName === undefined || job.name === jobName).map((job) => ({ district, job })),
  );
  if (selected.length === 0) {
    throw new SislinkError('NOT_FOUND', jobName === undefined ? 'no export job in the given files (spec.exports)' : `no export job named "${jobName}" in the given files`);
  }
  return selected;
}

function progressLine(name: string, progress: ExportProgress): string {
  const rate = progress.elapsedMs > 0 ? Math.round((progress.items * 1000) / progress.elapsedMs) : 0;
  const left = progress.classesTotal - progress.classesDone;
  const eta = progress.classesDone > 0 ? Math.round((progress.elapsedMs / progress.classesDone) * left / 1000) : 0;
  return `\r${name}: ${progress.classesDone}/${progress.classesTotal} classes, ${progress.items} items, ${rate}/s, ETA ${eta}s  `;
}

export function renderExportSummaryText(summary: ExportSummary): string {
  const lines = [`${summary.district} / ${summary.job} (${summary.mode})`];
  lines.push(`  classes: ${summary.classes.mapped} mapped of ${summary.classes.total} (${summary.classes.byFallback} by teacher email + title, ${summary.classes.withoutCourse} without a Classroom course)`);
  lines.push(`  read: ${summary.read.courseWork} courseWork, ${summary.read.submissions} submissions`);
  if (summary.mode === 'plan') {
    const p = summary.planned;
    lines.push(`  would write: ${p.lineItemsNew} new and ${p.lineItemsChanged} changed lineItems, ${p.resultsNew} new and ${p.resultsChanged} changed results; ${p.deletes} deletes; ${summary.unchanged} unchanged`);
    for (const entry of summary.perClass.slice(0, 20)) lines.push(`    class ${entry.classId}: +${entry.creates} ~${entry.updates} -${entry.deletes}`);
    if (summary.perClass.length > 20) lines.push(`    ... and ${summary.perClass.length - 20} more classes`);
  } else {
    const w = summary.written;
    lines.push(`  wrote: ${w.lineItemsCreated + w.lineItemsUpdated} lineItems (${w.lineItemsCreated} created), ${w.resultsCreated + w.resultsUpdated} results (${w.resultsCreated} created); deleted ${summary.deleted}; unchanged ${summary.unchanged}; failed ${summary.failed}`);
  }
  for (const [reason, count] of Object.entries(summary.unmapped)) lines.push(`  not exported (${reason}): ${count}`);
  for (const failure of summary.failures.slice(0, 10)) lines.push(`  FAILED ${failure.kind} ${failure.id} (class ${failure.classId}): ${failure.error}`);
  return `${lines.join('\n')}\n`;
}

/** Exit 1 when any item failed (they are retried next run), else 0. */
export async function runExport(options: ExportCommandOptions): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const { districts } = await loadDistrictsOrThrow(options.paths, { cwd });
  const selected = selectJobs(districts, options.job);
  const store = await openStateStore(options.state, { cwd });
  const audit = openAuditLogForState(options.state, { cwd, store });
  const summaries: ExportSummary[] = [];
  try {
    for (const { district, job } of selected) {
      const summary = await runExportJob({
        store, district, job, mode: options.mode, full: options.full, now: options.now, connections: options.connections, audit,
        onProgress: options.progress && ((progress) => options.progress?.(progressLine(`${district.config.metadata.name}/${job.name}`, progress))),
      });
      options.progress?.('\n');
      summaries.push(summary);
      if (options.format !== 'json') write(renderExportSummaryText(summary));
    }
  } finally {
    await audit.close();
    await store.close();
  }
  if (options.format === 'json') writeJsonReports(write, summaries);
  return summaries.some((summary) => summary.failed > 0) ? 1 : 0;
}

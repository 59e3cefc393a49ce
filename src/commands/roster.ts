/** `sislink roster plan|apply`: the roster import for every district that configures one. */
import { loadDistrictsOrThrow } from '../config/load.js';
import type { LoadedDistrict } from '../config/types.js';
import { SislinkError } from '../errors.js';
import {
  applyRoster, planRoster, renderRosterPlanText, renderRosterReportText, type RosterApplyProgress, type RosterReport,
} from '../jobs/roster/index.js';
import { openAuditLogForState } from '../audit/index.js';
import { openStateStore } from '../state/open.js';
import { writeJsonReports, type JobCommandOptions } from './job-command.js';

export interface RosterCommandOptions extends JobCommandOptions {
  mode: 'plan' | 'apply';
  allowMassRemoval?: boolean;
  /** plan: exit 2 when changes are planned. */
  detailedExitCode?: boolean;
  /** Refusals and notes (stderr). */
  warn?: (text: string) => void;
}

/** Districts with an enabled roster import; a configured but disabled job is noted, not run. */
export function selectRosterDistricts(districts: LoadedDistrict[], warn: (text: string) => void): LoadedDistrict[] {
  const selected: LoadedDistrict[] = [];
  for (const district of districts) {
    const { spec, metadata } = district.config;
    if (spec.rosterImport === undefined) continue;
    if (!spec.dataExchange.rosterImport) {
      warn(`${metadata.name}: spec.rosterImport is defined but dataExchange.rosterImport is off; skipped\n`);
      continue;
    }
    selected.push(district);
  }
  if (selected.length === 0) throw new SislinkError('NOT_FOUND', 'no district in the given files has an enabled roster import (spec.rosterImport with dataExchange.rosterImport: true)');
  return selected;
}

function progressLine(name: string, progress: RosterApplyProgress): string {
  const rate = progress.elapsedMs > 0 ? Math.round((progress.actionsDone * 1000) / progress.elapsedMs) : 0;
  return `\r${name}: ${progress.coursesDone}/${progress.coursesTotal} courses, ${progress.actionsDone}/${progress.actionsTotal} changes, ${rate}/s  `;
}

function exitCodeOf(report: RosterReport, detailed: boolean): number {
  if (report.outcome === 'refused' || report.outcome === 'partial') return 1;
  if (detailed && report.outcome === 'planned') return 2;
  return 0;
}

export async function runRoster(options: RosterCommandOptions): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const warn = options.warn ?? ((text: string) => void process.stderr.write(text));
  const { districts } = await loadDistrictsOrThrow(options.paths, { cwd });
  const selected = selectRosterDistricts(districts, warn);
  const store = await openStateStore(options.state, { cwd });
  const audit = openAuditLogForState(options.state, { cwd, store });
  const reports: RosterReport[] = [];
  try {
    for (const district of selected) {
      const name = district.config.metadata.name;
      const runOptions = {
        now: options.now, connections: options.connections, allowMassRemoval: options.allowMassRemoval, audit,
        onProgress: options.progress && ((progress: RosterApplyProgress) => options.progress?.(progressLine(name, progress))),
      };
      if (options.mode === 'plan') {
        const result = await planRoster(store, district, runOptions);
        reports.push(result.report);
        if (options.format !== 'json') write(renderRosterPlanText(result));
      } else {
        const report = await applyRoster(store, district, runOptions);
        if (report.applied !== undefined) options.progress?.('\n');
        reports.push(report);
        if (options.format !== 'json') write(renderRosterReportText(report));
        if (report.refused !== undefined) warn(`sislink: ${name}: ${report.refused.message}\n`);
      }
    }
  } finally {
    await audit.close();
    await store.close();
  }
  if (options.format === 'json') writeJsonReports(write, reports);
  // Any failure or refusal wins, then "changes planned", then success.
  const codes = reports.map((report) => exitCodeOf(report, options.detailedExitCode === true));
  return codes.includes(1) ? 1 : Math.max(0, ...codes);
}

/** What the auditor's report shows, gathered from config, audit log and git. */
import type { AccessRecordSpec, LoadedDistrict } from '../config/types.js';
import { isSislinkError } from '../errors.js';
import type { AuditRecord } from '../audit/types.js';
import { toApplyRecord, type ApplyRecord } from '../history/audit-join.js';
import { collectHistory, type FileHistory } from '../history/history.js';
import { dateInZone } from '../util/dates.js';
import { getVendorProfile, resolveEndpoints } from '../vendors/index.js';
import { displayPath } from '../config/files.js';

export interface ReportDistrict {
  name: string;
  displayName: string | undefined;
  file: string;
  vendor: string;
  target: string;
  enabled: boolean;
  sisSupport: boolean;
  host: string;
  records: AccessRecordSpec[];
  rollover: string | undefined;
  today: string;
}

export interface ReportModel {
  now: string;
  districts: ReportDistrict[];
  /** Newest first. */
  applies: ApplyRecord[];
  history: FileHistory[];
  historyNote: string | undefined;
}

function host(district: LoadedDistrict): string {
  try {
    return resolveEndpoints(district.config).baseUrl;
  } catch {
    return district.config.spec.sis.baseUrl ?? district.config.spec.sis.applicationUrl ?? '(unresolved)';
  }
}

export function reportDistrict(district: LoadedDistrict, now: Date, cwd: string): ReportDistrict {
  const { metadata, spec } = district.config;
  return {
    name: metadata.name,
    displayName: metadata.displayName,
    file: displayPath(district.source.file, cwd),
    vendor: getVendorProfile(spec.vendor).displayName,
    target: spec.link.target,
    enabled: spec.link.enabled,
    sisSupport: spec.consent.sisSupport,
    host: host(district),
    records: spec.credentials.records,
    rollover: spec.credentials.rotation?.rollover,
    today: dateInZone(now, metadata.timezone),
  };
}

export interface ModelOptions {
  paths: string[];
  cwd: string;
  now: Date;
  /** Finished apply runs from the audit log (readApplyRuns), oldest first. */
  applyRuns: readonly AuditRecord[];
  /** How many of the last applies to show. */
  applies?: number;
}

export async function buildReportModel(districts: LoadedDistrict[], options: ModelOptions): Promise<ReportModel> {
  const applies = [...options.applyRuns].reverse().slice(0, options.applies ?? 25).map(toApplyRecord);
  let history: FileHistory[] = [];
  let historyNote: string | undefined;
  try {
    history = await collectHistory({ paths: options.paths, cwd: options.cwd, applyRuns: options.applyRuns });
  } catch (error) {
    if (!isSislinkError(error)) throw error;
    historyNote = `configuration history unavailable: ${error.message}`;
  }
  return {
    now: options.now.toISOString(),
    districts: districts.map((district) => reportDistrict(district, options.now, options.cwd)),
    applies,
    history,
    historyNote,
  };
}

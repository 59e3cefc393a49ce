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

/** One data-exchange run (a grade export or a roster import) from its job.finish audit line. */
export interface JobRunRecord {
  time: string;
  actor: string;
  district: string | undefined;
  /** grade-export or roster-import. */
  action: string;
  address: string | undefined;
  outcome: string | undefined;
  /** The counts, in words. */
  summary: string;
  /** A roster import that --allow-mass-removal let past the safety rails. */
  massRemovalAllowed: boolean;
}

export interface ReportModel {
  now: string;
  districts: ReportDistrict[];
  /** Newest first. */
  applies: ApplyRecord[];
  /** Newest first. */
  jobRuns: JobRunRecord[];
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
  /** Finished data-exchange runs (job.finish records), oldest first. */
  jobRuns?: readonly AuditRecord[];
  /** How many of the last applies (and of the last data-exchange runs) to show. */
  applies?: number;
}

const count = (value: unknown): number => (typeof value === 'number' ? value : 0);

function sumOf(value: unknown): number {
  return typeof value === 'object' && value !== null ? Object.values(value).reduce<number>((sum, n) => sum + count(n), 0) : 0;
}

function jobSummary(record: AuditRecord): string {
  const details = record.details ?? {};
  if (record.action === 'grade-export') {
    const written = (details.written ?? {}) as Record<string, unknown>;
    const results = count(written.resultsCreated) + count(written.resultsUpdated);
    const lineItems = count(written.lineItemsCreated) + count(written.lineItemsUpdated);
    return `${results} results and ${lineItems} lineItems written, ${count(details.deleted)} deleted, ${count(details.unchanged)} unchanged, ${count(details.failed)} failed`;
  }
  if (record.outcome === 'refused') return `refused by the safety rails (${count(details.violations)} violation(s)); nothing changed`;
  return `${count(details.planned)} changes planned, ${sumOf(details.applied)} applied, ${count(details.alreadyDone)} already done, ${count(details.failed)} failed`;
}

export function toJobRunRecord(record: AuditRecord): JobRunRecord {
  return {
    time: record.time, actor: record.actor, district: record.district, action: record.action ?? 'job', address: record.address,
    outcome: record.outcome, summary: jobSummary(record), massRemovalAllowed: record.details?.massRemovalAllowed === true,
  };
}

export async function buildReportModel(districts: LoadedDistrict[], options: ModelOptions): Promise<ReportModel> {
  const applies = [...options.applyRuns].reverse().slice(0, options.applies ?? 25).map(toApplyRecord);
  const jobRuns = [...(options.jobRuns ?? [])].reverse().slice(0, options.applies ?? 25).map(toJobRunRecord);
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
    jobRuns,
    history,
    historyNote,
  };
}

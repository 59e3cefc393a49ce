/**
 * What a nightly reconcile found that needs a person: drift, failed or stale applies, failed
 * grade exports, refused or partial roster imports, and access records that expire within the
 * rotation's warning horizon.
 */
import type { LoadedDistrict } from '../config/types.js';
import { SislinkError } from '../errors.js';
import { addDays, dateInZone, daysBetween, withinWindow } from '../util/dates.js';

export type FindingKind = 'drift' | 'failure' | 'job-failure' | 'credential-expiry';

export interface ReconcileFinding {
  district: string;
  kind: FindingKind;
  message: string;
}

interface ReportDistrict {
  district: string;
  outcome: string;
  converged?: boolean | null;
  message?: string;
  cause?: string;
}

/** A scheduled grade export the reconcile ran (`jobs` in its JSON). */
interface ReportJob {
  district: string;
  job: string;
  outcome: string;
  error?: string;
  summary?: { failed?: number; failures?: { error?: string }[] };
}

/** A roster import the reconcile ran (`rosters` in its JSON). */
interface ReportRoster {
  district: string;
  job: string;
  outcome: string;
  refused?: { message?: string };
  applied?: { failed?: number; failures?: { kind?: string; alias?: string; error?: string }[] };
}

export interface ReconcileReport {
  now: string;
  planHash?: string;
  districts: ReportDistrict[];
  jobs?: ReportJob[];
  rosters?: ReportRoster[];
}

export const DEFAULT_WARNING_DAYS = 30;

export function parseReconcileReport(text: string, source: string): ReconcileReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SislinkError('USAGE', `${source}: not JSON; produce it with \`sislink reconcile --format json\``);
  }
  const report = parsed as Partial<ReconcileReport>;
  if (typeof report !== 'object' || report === null || typeof report.now !== 'string' || !Array.isArray(report.districts)) {
    throw new SislinkError('USAGE', `${source}: not a reconcile report (expected "now" and "districts")`);
  }
  return report as ReconcileReport;
}

export function reportFindings(report: ReconcileReport): ReconcileFinding[] {
  const findings: ReconcileFinding[] = [];
  for (const entry of report.districts) {
    if (entry.outcome === 'failed' || entry.outcome === 'stale') {
      findings.push({ district: entry.district, kind: 'failure', message: `${entry.outcome}${entry.message ? `: ${entry.message}` : ''}` });
    } else if (entry.converged === false) {
      findings.push({ district: entry.district, kind: 'failure', message: 'applied, but a fresh plan still shows changes or errors (not converged)' });
    }
    if (entry.cause === 'drift') {
      findings.push({ district: entry.district, kind: 'drift', message: 'the actual link differed from the configuration last applied (drift corrected)' });
    }
  }
  for (const job of report.jobs ?? []) {
    if (job.outcome !== 'failed') continue;
    const failed = job.summary?.failed ?? 0;
    const detail = job.error ?? `${failed} item(s) failed (retried by the next run)${job.summary?.failures?.[0]?.error ? `, first: ${job.summary.failures[0].error}` : ''}`;
    findings.push({ district: job.district, kind: 'job-failure', message: `grade export "${job.job}": ${detail}` });
  }
  for (const roster of report.rosters ?? []) {
    if (roster.outcome === 'refused') {
      const reason = roster.refused?.message?.split('\n').find((line) => line.trim() !== '') ?? 'the safety rails refused it';
      findings.push({ district: roster.district, kind: 'job-failure', message: `roster import "${roster.job}" refused, nothing changed: ${reason}` });
    } else if (roster.outcome === 'partial') {
      const first = roster.applied?.failures?.[0];
      const detail = first === undefined ? '' : `, first: ${first.kind ?? ''} ${first.alias ?? ''}: ${first.error ?? ''}`.replace(/\s+/g, ' ');
      findings.push({ district: roster.district, kind: 'job-failure', message: `roster import "${roster.job}": ${roster.applied?.failed ?? 0} change(s) failed${detail}` });
    }
  }
  return findings;
}

/** Last day covered without a gap from `today` on; null when open-ended, undefined when today is not covered. */
export function coverageEnd(district: LoadedDistrict, today: string): string | null | undefined {
  const records = district.config.spec.credentials.records;
  const covering = records.filter((record) => withinWindow(today, record.effective, record.expiration));
  if (covering.length === 0) return undefined;
  if (covering.some((record) => record.expiration === undefined)) return null;
  let end = covering.map((record) => record.expiration as string).sort().at(-1) as string;
  for (;;) {
    const next = records.find((record) => record.effective <= addDays(end, 1) && (record.expiration === undefined || record.expiration > end));
    if (next === undefined) return end;
    if (next.expiration === undefined) return null;
    end = next.expiration;
  }
}

export function expiryFindings(districts: readonly LoadedDistrict[], now: Date): ReconcileFinding[] {
  const findings: ReconcileFinding[] = [];
  for (const district of districts) {
    const name = district.config.metadata.name;
    const today = dateInZone(now, district.config.metadata.timezone);
    const end = coverageEnd(district, today);
    const horizon = district.config.spec.credentials.rotation?.warningDays ?? DEFAULT_WARNING_DAYS;
    if (end === undefined) {
      findings.push({ district: name, kind: 'credential-expiry', message: `no access record covers ${today}: the link has no valid credential` });
    } else if (end !== null && daysBetween(today, end) <= horizon) {
      findings.push({ district: name, kind: 'credential-expiry', message: `access records cover only until ${end} (${daysBetween(today, end)} days; warning at ${horizon})` });
    }
  }
  return findings;
}

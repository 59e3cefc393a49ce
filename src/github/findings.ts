/**
 * What a nightly reconcile found that needs a person: drift, failed or stale applies, and access
 * records that expire within the rotation's warning horizon.
 */
import type { LoadedDistrict } from '../config/types.js';
import { SislinkError } from '../errors.js';
import { addDays, dateInZone, daysBetween, withinWindow } from '../util/dates.js';

export type FindingKind = 'drift' | 'failure' | 'credential-expiry';

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

export interface ReconcileReport {
  now: string;
  planHash?: string;
  districts: ReportDistrict[];
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

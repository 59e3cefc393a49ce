/**
 * Access records: valid dates, effective before expiration, unique names, and a continuous
 * chain: each record (by effective date) overlaps the previous one by at least the policy's
 * overlap days, and no day between the first effective date and the last expiration is uncovered.
 */
import type { AccessRecordSpec, DistrictConfig } from '../types.js';
import { dayNumber, fromDayNumber } from './dates.js';
import { error, type RuleFinding } from './types.js';

export const DEFAULT_OVERLAP_DAYS = 30;

interface Dated {
  index: number;
  record: AccessRecordSpec;
  from: number;
  /** Last valid day; Infinity when the record never expires. */
  to: number;
}

const at = (index: number, field: string) => `spec.credentials.records[${index}].${field}`;

function datedRecords(records: readonly AccessRecordSpec[], findings: RuleFinding[]): Dated[] {
  const dated: Dated[] = [];
  records.forEach((record, index) => {
    const from = dayNumber(record.effective);
    const to = record.expiration === undefined ? Infinity : dayNumber(record.expiration);
    if (from === undefined) findings.push(error('DATE_INVALID', at(index, 'effective'), 'is not a calendar date'));
    if (to === undefined) findings.push(error('DATE_INVALID', at(index, 'expiration'), 'is not a calendar date'));
    if (from === undefined || to === undefined) return;
    if (to <= from) {
      findings.push(error('RECORD_DATES_ORDER', at(index, 'expiration'), `must be after the effective date ${record.effective}`));
      return;
    }
    dated.push({ index, record, from, to });
  });
  return dated.sort((a, b) => a.from - b.from || a.index - b.index);
}

function duplicateNames(records: readonly AccessRecordSpec[]): RuleFinding[] {
  const seen = new Map<string, number>();
  const findings: RuleFinding[] = [];
  records.forEach((record, index) => {
    const first = seen.get(record.name);
    if (first === undefined) seen.set(record.name, index);
    else findings.push(error('DUPLICATE_RECORD_NAME', at(index, 'name'), `record name already used by records[${first}]`));
  });
  return findings;
}

/** Each record must overlap the coverage before it (the record reaching furthest) by overlapDays. */
function chain(dated: readonly Dated[], overlapDays: number): RuleFinding[] {
  const findings: RuleFinding[] = [];
  let coveredUntil = -Infinity;
  let coveredBy: Dated | undefined;
  for (const current of dated) {
    if (coveredBy && current.from > coveredUntil + 1) {
      findings.push(error('COVERAGE_GAP', at(current.index, 'effective'),
        `no access record is valid from ${fromDayNumber(coveredUntil + 1)} to ${fromDayNumber(current.from - 1)}`));
    } else if (coveredBy) {
      const overlap = Math.min(coveredUntil, current.to) - current.from + 1;
      if (overlap < overlapDays) {
        findings.push(error('RECORD_OVERLAP_SHORT', at(current.index, 'effective'),
          `overlaps "${coveredBy.record.name}" by ${overlap} day(s); the rotation policy asks for at least ${overlapDays}`));
      }
    }
    if (current.to > coveredUntil) {
      coveredUntil = current.to;
      coveredBy = current;
    }
  }
  return findings;
}

export function checkRecords(config: DistrictConfig): RuleFinding[] {
  const { records, rotation } = config.spec.credentials;
  const findings: RuleFinding[] = [];
  const dated = datedRecords(records, findings);
  findings.push(...duplicateNames(records));
  findings.push(...chain(dated, rotation?.overlapDays ?? DEFAULT_OVERLAP_DAYS));
  return findings;
}

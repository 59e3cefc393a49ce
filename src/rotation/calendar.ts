/**
 * School-year arithmetic for rotation, on calendar dates (YYYY-MM-DD) in the district's time zone.
 *
 * Convention: a school year starts on the rollover day and is named by the calendar year in which
 * it ENDS (as OneRoster's academicSession.schoolYear does): with rollover 07-01, the school year
 * 2026-07-01 .. 2027-06-30 is school year 2027 and its record is "Google Classroom 2027".
 */
import type { RotationPolicy } from '../config/types.js';
import { addDays } from '../util/dates.js';

export interface RecordWindow {
  effective: string;
  expiration: string;
}

/** The rollover day of calendar year `year`. */
export function rolloverDate(policy: Pick<RotationPolicy, 'rollover'>, year: number): string {
  return `${String(year).padStart(4, '0')}-${policy.rollover}`;
}

/** The school year `today` belongs to (named by the year it ends). */
export function schoolYearOf(policy: Pick<RotationPolicy, 'rollover'>, today: string): number {
  const year = Number(today.slice(0, 4));
  return today >= rolloverDate(policy, year) ? year + 1 : year;
}

/** First day of school year `schoolYear`: the rollover of the year before it ends. */
export function schoolYearStart(policy: Pick<RotationPolicy, 'rollover'>, schoolYear: number): string {
  return rolloverDate(policy, schoolYear - 1);
}

/** Last day of school year `schoolYear`: the day before the next rollover. */
export function schoolYearEnd(policy: Pick<RotationPolicy, 'rollover'>, schoolYear: number): string {
  return addDays(rolloverDate(policy, schoolYear), -1);
}

/** The first rollover strictly after `today`. */
export function nextRollover(policy: Pick<RotationPolicy, 'rollover'>, today: string): string {
  return rolloverDate(policy, schoolYearOf(policy, today));
}

/** effective = the school year's first day − overlap; expiration = effective + validity. */
export function recordWindow(policy: Pick<RotationPolicy, 'rollover' | 'overlapDays' | 'validityDays'>, schoolYear: number): RecordWindow {
  const effective = addDays(schoolYearStart(policy, schoolYear), -policy.overlapDays);
  return { effective, expiration: addDays(effective, policy.validityDays) };
}

export function recordName(policy: Pick<RotationPolicy, 'namePattern'>, schoolYear: number): string {
  return policy.namePattern.replaceAll('{schoolYear}', String(schoolYear));
}

/** The school year a record name stands for under the pattern, or undefined when it does not match. */
export function schoolYearOfName(policy: Pick<RotationPolicy, 'namePattern'>, name: string): number | undefined {
  const parts = policy.namePattern.split('{schoolYear}').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const match = new RegExp(`^${parts.join('(\\d{4})')}$`).exec(name);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Key of a new record: keys are unique per record at the provider, so `{schoolYear}` in the
 * configured key is replaced, and a key without it gets the school year appended (GOOGLE -> GOOGLE2027).
 */
export function recordKey(baseKey: string, schoolYear: number): string {
  return baseKey.includes('{schoolYear}') ? baseKey.replaceAll('{schoolYear}', String(schoolYear)) : `${baseKey}${schoolYear}`;
}

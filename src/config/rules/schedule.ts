/** Time: the district's IANA zone, the yearly rollover date and the jobs' cron schedules. */
import { CronExpressionParser } from 'cron-parser';
import type { DistrictConfig } from '../types.js';
import { error, type RuleFinding } from './types.js';

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function checkTimeZone(config: DistrictConfig): RuleFinding[] {
  if (isValidTimeZone(config.metadata.timezone)) return [];
  return [error('TIMEZONE_INVALID', 'metadata.timezone', 'is not an IANA time zone such as America/Chicago')];
}

export function checkRollover(config: DistrictConfig): RuleFinding[] {
  const rotation = config.spec.credentials.rotation;
  if (!rotation) return [];
  const [month, day] = rotation.rollover.split('-').map(Number) as [number, number];
  const days = MONTH_DAYS[month - 1];
  if (days !== undefined && day >= 1 && day <= days) return [];
  // 02-29 is refused on purpose: the rollover must exist every year.
  return [error('ROLLOVER_INVALID', 'spec.credentials.rotation.rollover', 'is not a month-day that exists every year (MM-DD, 01-01 to 12-31, no 02-29)')];
}

/** Why a cron expression is refused, or undefined when it is a valid five-field expression. */
export function cronProblem(expression: string, timeZone: string): string | undefined {
  const trimmed = expression.trim();
  if (!trimmed.startsWith('@') && trimmed.split(/\s+/).length !== 5) {
    return 'must be a five-field cron expression (minute hour day-of-month month day-of-week)';
  }
  try {
    CronExpressionParser.parse(trimmed, isValidTimeZone(timeZone) ? { tz: timeZone } : {});
    return undefined;
  } catch (cause) {
    return `is not a valid cron expression: ${cause instanceof Error ? cause.message : 'unparseable'}`;
  }
}

export function checkSchedules(config: DistrictConfig): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const zone = config.metadata.timezone;
  config.spec.exports.forEach((job, index) => {
    const problem = job.schedule === undefined ? undefined : cronProblem(job.schedule, zone);
    if (problem) findings.push(error('CRON_INVALID', `spec.exports[${index}].schedule`, problem));
  });
  const roster = config.spec.rosterImport;
  const problem = roster?.schedule === undefined ? undefined : cronProblem(roster.schedule, zone);
  if (problem) findings.push(error('CRON_INVALID', 'spec.rosterImport.schedule', problem));
  return findings;
}

/**
 * When a scheduled job is due: its cron expression (five fields, in the district's time zone) has
 * ticked since the job last started. Reconcile and the fleet workers share this rule.
 */
import { CronExpressionParser } from 'cron-parser';

/** The latest tick at or before `now`, or undefined for an invalid expression. */
export function lastTick(schedule: string, timezone: string, now: Date): Date | undefined {
  try {
    const expression = CronExpressionParser.parse(schedule, { currentDate: new Date(now.getTime() + 1000), tz: timezone });
    return expression.prev().toDate();
  } catch {
    return undefined;
  }
}

export function nextTick(schedule: string, timezone: string, now: Date): Date | undefined {
  try {
    return CronExpressionParser.parse(schedule, { currentDate: now, tz: timezone }).next().toDate();
  } catch {
    return undefined;
  }
}

/** Due when it never ran, or when a tick fell after its last start. */
export function isDue(schedule: string | undefined, timezone: string, now: Date, lastStartedAt: string | undefined): boolean {
  if (schedule === undefined) return false;
  const tick = lastTick(schedule, timezone, now);
  if (tick === undefined) return false;
  return lastStartedAt === undefined || Date.parse(lastStartedAt) < tick.getTime();
}

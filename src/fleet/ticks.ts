/**
 * Which cron ticks a district file asks for: a reconcile on the fleet's schedule, and each export
 * job and the roster import on their own `schedule` (all in the district's time zone). The clock
 * is passed in.
 */
import type { LoadedDistrict } from '../config/types.js';
import { lastTick, nextTick } from '../jobs/schedule.js';
import type { RunKind } from './settings.js';

export interface ScheduleEntry {
  district: string;
  kind: RunKind;
  /** Export or roster-import job name; '' for the reconcile. */
  job: string;
  schedule: string;
  timezone: string;
}

export interface DueTick {
  district: string;
  kind: RunKind;
  job: string;
  tick: Date;
}

/** Jobs run only where reconcile would run them: an enabled connector link with their exchange on. */
function jobsRun(district: LoadedDistrict, exchange: 'gradeExport' | 'rosterImport'): boolean {
  const { spec } = district.config;
  return spec.link.enabled && spec.link.target === 'connector' && spec.dataExchange[exchange];
}

export function districtSchedules(district: LoadedDistrict, reconcileEvery: string): ScheduleEntry[] {
  const { name, timezone } = district.config.metadata;
  const entries: ScheduleEntry[] = [{ district: name, kind: 'reconcile', job: '', schedule: reconcileEvery, timezone }];
  if (jobsRun(district, 'gradeExport')) {
    for (const job of district.config.spec.exports) {
      if (job.schedule !== undefined) entries.push({ district: name, kind: 'export', job: job.name, schedule: job.schedule, timezone });
    }
  }
  const roster = district.config.spec.rosterImport;
  if (roster?.schedule !== undefined && jobsRun(district, 'rosterImport')) {
    entries.push({ district: name, kind: 'roster', job: roster.name, schedule: roster.schedule, timezone });
  }
  return entries;
}

/** Latest ticks per (schedule, time zone), valid from when computed until the next tick is near. */
const latestTicks = new Map<string, { from: number; until: number; tick: Date }>();
const LATEST_TICKS_CACHED = 4_096;

/**
 * lastTick, remembered: a fleet's districts mostly share a few schedules and time zones, and a
 * scheduler pass asks for all of them. The answer stays the same from `now` until 1 s before the
 * following tick (lastTick counts a tick due within the second as past).
 */
function latestTick(schedule: string, timezone: string, now: Date): Date | undefined {
  const key = `${schedule}\0${timezone}`;
  const at = now.getTime();
  const known = latestTicks.get(key);
  if (known !== undefined && at >= known.from && at <= known.until) return known.tick;
  const tick = lastTick(schedule, timezone, now);
  const following = tick === undefined ? undefined : nextTick(schedule, timezone, tick);
  if (tick !== undefined && following !== undefined) {
    if (latestTicks.size >= LATEST_TICKS_CACHED) latestTicks.clear();
    latestTicks.set(key, { from: at, until: following.getTime() - 1000, tick });
  }
  return tick;
}

/**
 * The latest tick of each schedule at `now`. Only the latest: ticks missed while no worker ran are
 * folded into it (a reconcile or an incremental export catches up in one run).
 */
export function dueTicks(entries: ScheduleEntry[], now: Date): DueTick[] {
  const due: DueTick[] = [];
  for (const entry of entries) {
    const tick = latestTick(entry.schedule, entry.timezone, now);
    if (tick !== undefined) due.push({ district: entry.district, kind: entry.kind, job: entry.job, tick });
  }
  return due;
}

/** The next tick among the entries after `now`. */
export function nextScheduled(entries: ScheduleEntry[], now: Date): DueTick | undefined {
  let next: DueTick | undefined;
  for (const entry of entries) {
    const tick = nextTick(entry.schedule, entry.timezone, now);
    if (tick !== undefined && (next === undefined || tick < next.tick)) next = { district: entry.district, kind: entry.kind, job: entry.job, tick };
  }
  return next;
}

/**
 * The fleet at a glance, per district: the last run (kind, start, end, outcome), the next
 * scheduled run, the lag (now minus the oldest due tick not completed yet) and the failed attempts
 * of ticks that have not succeeded since.
 */
import type { LoadedDistrict } from '../config/types.js';
import { lastTick, nextTick } from '../jobs/schedule.js';
import type { FleetRows, RunRow } from './status-queries.js';
import type { RunKind } from './settings.js';
import { configNotes, EMPTY_CONFIG_VIEW, NO_FILE, NO_FILE_LINKED, type ConfigView, type FileNote } from './status-notes.js';
import { districtSchedules, nextScheduled, type ScheduleEntry } from './ticks.js';

export interface RunView {
  kind: RunKind;
  job: string;
  tick: string;
  attempt: number;
  maxAttempts: number;
  worker: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: RunRow['outcome'];
  error: string | null;
}

export interface FailureView extends RunView {
  /** True when no attempt is left (pg-boss failed the job); false while it is retried. */
  final: boolean;
}

export interface DistrictStatus {
  district: string;
  /** False for a district seen in the fleet's records or the state store but with no district file. */
  inFiles: boolean;
  /** True when the state store holds a link for it. */
  inState: boolean;
  /** Config problems (a file that does not load) and, without a file, what to do about it. */
  notes: string[];
  lastRun: RunView | null;
  next: { kind: RunKind; job: string; at: string } | null;
  lagSeconds: number;
  /** The oldest due tick not completed yet. */
  oldestOpenTick: string | null;
  failures: FailureView[];
}

export interface WorkerView {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  startedAt: string;
  seenAt: string;
  stoppedAt: string | null;
  /** Not stopped, yet missed three heartbeats: taken as gone (e.g. killed), its notes hidden. */
  silent: boolean;
}

export interface FleetStatus {
  now: string;
  workers: WorkerView[];
  /** pg-boss jobs of the district-runs queue by state. */
  queue: Record<string, number>;
  districts: DistrictStatus[];
  /** District files that do not load and declare no district name that could be read. */
  files: FileNote[];
}

function runView(row: RunRow): RunView {
  return {
    kind: row.kind, job: row.job, tick: row.tick.toISOString(), attempt: row.attempt, maxAttempts: row.max_attempts, worker: row.worker,
    startedAt: row.started_at.toISOString(), finishedAt: row.finished_at?.toISOString() ?? null, outcome: row.outcome, error: row.error,
  };
}

const keyOf = (district: string, kind: string, job: string) => `${district}\u0000${kind}\u0000${job}`;

/** The first tick after the latest one recorded (ticks missed while no worker ran), or the current one. */
function oldestUnrecorded(entry: ScheduleEntry, latest: Date | undefined, now: Date): Date | undefined {
  if (latest === undefined) return lastTick(entry.schedule, entry.timezone, now);
  const following = nextTick(entry.schedule, entry.timezone, latest);
  return following !== undefined && following <= now ? following : undefined;
}

export function buildFleetStatus(rows: FleetRows, districts: LoadedDistrict[], reconcileEvery: string, now: Date, config: ConfigView = EMPTY_CONFIG_VIEW): FleetStatus {
  const entries = new Map<string, ScheduleEntry[]>();
  for (const district of districts) entries.set(district.config.metadata.name, districtSchedules(district, reconcileEvery));
  const latest = new Map(rows.latestTicks.map((tick) => [keyOf(tick.district, tick.kind, tick.job), tick.tick]));
  const notes = configNotes(config);
  const linked = new Set(config.linked);
  const names = new Set<string>([
    ...entries.keys(), ...rows.lastRuns.map((run) => run.district), ...rows.openTicks.map((tick) => tick.district), ...linked, ...notes.notes.keys(),
  ]);
  const statuses: DistrictStatus[] = [...names].sort().map((name) => {
    const own = entries.get(name) ?? [];
    const open: Date[] = rows.openTicks.filter((tick) => tick.district === name).map((tick) => tick.tick);
    for (const entry of own) {
      const missing = oldestUnrecorded(entry, latest.get(keyOf(name, entry.kind, entry.job)), now);
      if (missing !== undefined) open.push(missing);
    }
    const oldest = open.filter((tick) => tick <= now).sort((a, b) => a.getTime() - b.getTime())[0];
    const last = rows.lastRuns.find((run) => run.district === name);
    const next = nextScheduled(own, now);
    const inFiles = entries.has(name) || notes.broken.has(name);
    const inState = linked.has(name);
    const noFile = inFiles ? [] : [inState ? NO_FILE_LINKED : NO_FILE];
    return {
      district: name,
      inFiles,
      inState,
      notes: [...(notes.notes.get(name) ?? []), ...noFile],
      lastRun: last === undefined ? null : runView(last),
      next: next === undefined ? null : { kind: next.kind, job: next.job, at: next.tick.toISOString() },
      lagSeconds: oldest === undefined ? 0 : Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)),
      oldestOpenTick: oldest?.toISOString() ?? null,
      failures: rows.failures.filter((row) => row.district === name).map((row) => ({ ...runView(row), final: row.tick_state === 'failed' })),
    };
  });
  return {
    now: now.toISOString(),
    workers: rows.workers.map((worker) => ({
      id: worker.id, host: worker.host, pid: worker.pid, concurrency: worker.concurrency, startedAt: worker.started_at.toISOString(),
      seenAt: worker.seen_at.toISOString(), stoppedAt: worker.stopped_at?.toISOString() ?? null, silent: worker.silent,
    })),
    queue: rows.queue,
    districts: statuses,
    files: notes.files,
  };
}

/** What a fleet worker is tuned by: schedules, job expiry, retries and polling. */
import { SislinkError } from '../errors.js';

/** The kinds of district run the fleet queues: the link, a grade-export job, the roster import. */
export type RunKind = 'reconcile' | 'export' | 'roster';

/** One queue for every district run, so a reconcile and an export of a district never overlap. */
export const QUEUE_NAME = 'district-runs';

export interface FleetSettings {
  /** pg-boss's own schema in the state database. */
  queueSchema: string;
  /** The fleet's bookkeeping tables (ticks, runs, workers). */
  fleetSchema: string;
  /** Cron expression (district time zone) of the scheduled reconcile. */
  reconcileEvery: string;
  /** A run still active after this long is taken as dead and retried elsewhere. */
  expireSeconds: Record<RunKind, number>;
  /** Retries after the first attempt. */
  retryLimit: number;
  /** First retry delay; doubles with jitter on each retry. */
  retryDelaySeconds: number;
  /** How often an idle slot asks the queue for work. */
  pollIntervalMs: number;
  /** How often the scheduler looks for due ticks. */
  scheduleIntervalMs: number;
  /** How often pg-boss's maintenance (expiry of dead runs) runs; shared by all workers. */
  maintenanceIntervalSeconds: number;
}

export const DEFAULT_FLEET_SETTINGS: FleetSettings = {
  queueSchema: 'sislink_queue',
  fleetSchema: 'sislink_fleet',
  reconcileEvery: '*/15 * * * *',
  expireSeconds: { reconcile: 15 * 60, export: 3 * 60 * 60, roster: 3 * 60 * 60 },
  retryLimit: 4,
  retryDelaySeconds: 30,
  pollIntervalMs: 2000,
  scheduleIntervalMs: 30_000,
  maintenanceIntervalSeconds: 30,
};

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,49}$/;

export function checkSchemaName(name: string, what: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new SislinkError('USAGE', `${what}: "${name}" is not a schema name (lower-case letters, digits and _, at most 50)`);
  }
  return name;
}

export function resolveFleetSettings(overrides: Partial<FleetSettings> = {}): FleetSettings {
  const settings: FleetSettings = {
    ...DEFAULT_FLEET_SETTINGS,
    ...overrides,
    expireSeconds: { ...DEFAULT_FLEET_SETTINGS.expireSeconds, ...overrides.expireSeconds },
  };
  checkSchemaName(settings.queueSchema, 'queue schema');
  checkSchemaName(settings.fleetSchema, 'fleet schema');
  return settings;
}

/** A lock lease as long as the longest run may take: past it pg-boss has declared the run dead too. */
export function lockLeaseMs(settings: FleetSettings): number {
  return Math.max(...Object.values(settings.expireSeconds)) * 1000 + 60_000;
}

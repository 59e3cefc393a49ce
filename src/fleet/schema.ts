/**
 * The fleet's own tables, next to pg-boss's schema in the state database:
 *   ticks   one row per scheduled tick (district, kind, job, tick): inserted once across all
 *           workers, so a tick is queued once however many schedulers see it
 *   runs    one row per attempt of a queued tick, with its worker, outcome and error
 *   workers one row per worker process, refreshed by its scheduler (fleet status shows them); a
 *           worker not seen for three of its scheduler intervals is taken as gone (silent)
 *   config_notes  district files a worker cannot load as they are now, and what it runs instead
 */
import type { PgDatabase } from '../state/postgres/db.js';

/** "sisF" in ASCII: advisory lock class of the fleet, apart from the store's keys. */
export const FLEET_LOCK_CLASS = 0x73697346;

const FLEET_VERSION = 1;

function statements(schema: string): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    `CREATE TABLE IF NOT EXISTS ${schema}.meta (key text PRIMARY KEY, value text NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${schema}.ticks (
      district text NOT NULL,
      kind text NOT NULL,
      job text NOT NULL,
      tick timestamptz NOT NULL,
      state text NOT NULL DEFAULT 'pending',
      job_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      queued_at timestamptz,
      finished_at timestamptz,
      PRIMARY KEY (district, kind, job, tick)
    )`,
    // At most one queued (or running) tick per district: one run per district at a time.
    `CREATE UNIQUE INDEX IF NOT EXISTS ticks_one_queued ON ${schema}.ticks (district) WHERE state = 'queued'`,
    `CREATE INDEX IF NOT EXISTS ticks_open ON ${schema}.ticks (state, district, tick) WHERE state IN ('pending', 'queued')`,
    `CREATE TABLE IF NOT EXISTS ${schema}.runs (
      id bigserial PRIMARY KEY,
      job_id uuid NOT NULL,
      district text NOT NULL,
      kind text NOT NULL,
      job text NOT NULL,
      tick timestamptz NOT NULL,
      attempt integer NOT NULL,
      max_attempts integer NOT NULL,
      worker text NOT NULL,
      host text NOT NULL,
      pid integer NOT NULL,
      started_at timestamptz NOT NULL,
      finished_at timestamptz,
      outcome text NOT NULL DEFAULT 'running',
      error text,
      summary jsonb
    )`,
    `CREATE INDEX IF NOT EXISTS runs_district ON ${schema}.runs (district, started_at DESC)`,
    `CREATE INDEX IF NOT EXISTS runs_job ON ${schema}.runs (job_id)`,
    `CREATE TABLE IF NOT EXISTS ${schema}.workers (
      id text PRIMARY KEY,
      host text NOT NULL,
      pid integer NOT NULL,
      concurrency integer NOT NULL,
      started_at timestamptz NOT NULL,
      seen_at timestamptz NOT NULL,
      stopped_at timestamptz
    )`,
    // How often the worker's scheduler promises a heartbeat (added after the first fleets).
    `ALTER TABLE ${schema}.workers ADD COLUMN IF NOT EXISTS heartbeat_seconds integer`,
    // District files a worker cannot load as they are now (one row per file and district).
    `CREATE TABLE IF NOT EXISTS ${schema}.config_notes (
      worker text NOT NULL,
      file text NOT NULL,
      district text NOT NULL,
      running boolean NOT NULL,
      problem text NOT NULL,
      noted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (worker, file, district)
    )`,
  ];
}

/**
 * SQL condition on a workers row (under `alias`): a worker that is not stopped and has missed three
 * heartbeats (plus a minute for a slow pass) is taken as gone, e.g. killed with SIGKILL.
 */
export function silentWorker(alias: string): string {
  return `(${alias}.stopped_at IS NULL AND ${alias}.heartbeat_seconds IS NOT NULL
    AND ${alias}.seen_at < now() - make_interval(secs => 3 * ${alias}.heartbeat_seconds + 60))`;
}

/** Creates the fleet tables once; workers starting together wait on one advisory lock. */
export async function migrateFleet(db: PgDatabase, schema: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [FLEET_LOCK_CLASS, `${schema}/migrate`]);
    for (const statement of statements(schema)) await tx.query(statement);
    await tx.query(`INSERT INTO ${schema}.meta (key, value) VALUES ('version', $1) ON CONFLICT (key) DO NOTHING`, [String(FLEET_VERSION)]);
  });
}

/** True when the fleet tables exist (a status query on a database no worker has used yet). */
export async function fleetInstalled(db: PgDatabase, schema: string): Promise<boolean> {
  const [row] = await db.query<{ name: string | null }>('SELECT to_regclass($1) AS name', [`${schema}.ticks`]);
  return row?.name !== null && row?.name !== undefined;
}

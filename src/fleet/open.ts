/** Opens the fleet's database access: PostgreSQL only, with the fleet tables migrated. */
import { SislinkError } from '../errors.js';
import { parseStateUrl } from '../state/open.js';
import { PgDatabase } from '../state/postgres/db.js';
import { registerUrlSecrets, safePostgresUrl } from '../state/postgres/url.js';
import type { FleetDb } from './dispatch.js';
import { migrateFleet } from './schema.js';
import type { FleetSettings } from './settings.js';

export type OpenedFleetDb = FleetDb;

/** The fleet coordinates through PostgreSQL; a SQLite file cannot be shared by workers on several hosts. */
export function requirePostgres(state: string, command: string): void {
  const location = parseStateUrl(state);
  if (location.kind !== 'postgres') {
    throw new SislinkError('USAGE', `${command} needs a PostgreSQL state store shared by every worker: --state postgres://USER:PASSWORD@HOST:PORT/DATABASE`);
  }
}

export async function openFleetDb(state: string, settings: FleetSettings, poolSize: number, options: { migrate?: boolean } = {}): Promise<OpenedFleetDb> {
  registerUrlSecrets(state);
  const db = new PgDatabase(state, { safeUrl: safePostgresUrl(state), poolSize });
  const fleet = { db, schema: settings.fleetSchema, queueSchema: settings.queueSchema };
  if (options.migrate === false) return fleet;
  try {
    await migrateFleet(db, settings.fleetSchema);
  } catch (error) {
    await db.close();
    throw error;
  }
  return fleet;
}

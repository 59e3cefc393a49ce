/**
 * Runs the store migrations on PostgreSQL in one transaction. A transaction-level advisory lock,
 * keyed by database and schema, serialises workers that start together on a fresh store.
 */
import { SislinkError } from '../../errors.js';
import { MIGRATIONS_TABLE_SQL, STORE_MIGRATIONS, latestStoreVersion } from '../migrations/index.js';
import type { PgDatabase } from './db.js';

/** First half of the advisory lock key: "sisl" in ASCII, so other applications' keys do not collide. */
const LOCK_CLASS = 0x7369736c;

export async function runPostgresMigrations(db: PgDatabase, location: string, now: () => Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext(current_database() || \'.\' || current_schema()))', [LOCK_CLASS]);
    await tx.query(MIGRATIONS_TABLE_SQL);
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...applied);
    if (newest > latestStoreVersion()) {
      throw new SislinkError(
        'STATE_ERROR',
        `state store ${location} has schema version ${newest}, newer than this sislink supports (${latestStoreVersion()}); upgrade sislink`,
      );
    }
    for (const migration of STORE_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      const statements = migration.statements.postgres;
      if (!statements) throw new SislinkError('INTERNAL', `store migration ${migration.version} has no PostgreSQL statements`);
      for (const statement of statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version, migration.name, now().toISOString(),
      ]);
    }
  });
}

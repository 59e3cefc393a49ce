/** Runs the store migrations on SQLite, each step and its record in one transaction. */
import { SislinkError } from '../../errors.js';
import { MIGRATIONS_TABLE_SQL, STORE_MIGRATIONS, latestStoreVersion } from '../migrations/index.js';
import { statement, type SqliteDatabase } from './db.js';

export function appliedVersions(db: SqliteDatabase): number[] {
  const rows = statement(db, 'SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
  return rows.map((row) => row.version);
}

export function runSqliteMigrations(db: SqliteDatabase, location: string, now: () => Date): void {
  db.exec(MIGRATIONS_TABLE_SQL);
  // IMMEDIATE: two processes opening a fresh file must not both run step 1.
  db.transaction(() => {
    const applied = new Set(appliedVersions(db));
    const newest = Math.max(0, ...applied);
    if (newest > latestStoreVersion()) {
      throw new SislinkError(
        'STATE_ERROR',
        `state store ${location} has schema version ${newest}, newer than this sislink supports (${latestStoreVersion()}); upgrade sislink`,
      );
    }
    const record = statement(db, 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of STORE_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      const statements = migration.statements.sqlite;
      if (!statements) throw new SislinkError('INTERNAL', `store migration ${migration.version} has no SQLite statements`);
      for (const statement of statements) db.exec(statement);
      record.run(migration.version, migration.name, now().toISOString());
    }
  }).immediate();
}

/** Every store migration, in order. Append new steps; never edit or renumber an applied one. */
import { initial } from './001-initial.js';
import { auditChain } from './002-audit-chain.js';
import { auditAppendOnly } from './003-audit-append-only.js';
import { exportResultPacks } from './004-export-result-packs.js';
import type { StoreMigration } from './types.js';

export type { StoreMigration, SqlDialect } from './types.js';

export const STORE_MIGRATIONS: readonly StoreMigration[] = [initial, auditChain, auditAppendOnly, exportResultPacks];

export const MIGRATIONS_TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)';

/** The newest schema version this build knows. */
export function latestStoreVersion(): number {
  return STORE_MIGRATIONS.reduce((max, migration) => Math.max(max, migration.version), 0);
}

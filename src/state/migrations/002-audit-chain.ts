import type { StoreMigration } from './types.js';

/**
 * The audit chain for shared (PostgreSQL) stores: one row per line, keyed by seq, holding the
 * exact canonical line so an export is byte-identical to a file log. SQLite stores keep the
 * audit log as a file next to the database, so they need nothing here.
 */
export const auditChain: StoreMigration = {
  version: 2,
  name: 'audit-chain',
  statements: {
    sqlite: [],
    postgres: [
      `CREATE TABLE audit_log (
          seq BIGINT PRIMARY KEY CHECK (seq > 0),
          line TEXT NOT NULL
        )`,
    ],
  },
};

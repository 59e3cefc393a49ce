/**
 * Store migrations: an ordered list of numbered steps, recorded in `schema_migrations`.
 * Each step carries plain SQL per backend so a PostgreSQL backend can add its own dialect
 * next to SQLite's without changing the numbering.
 */
export type SqlDialect = 'sqlite' | 'postgres';

export interface StoreMigration {
  /** Strictly increasing, never reused. */
  version: number;
  name: string;
  statements: Partial<Record<SqlDialect, string[]>>;
}

/** What `sislink state move` reads from one store and writes into another, table by table. */
import type { StoredLine } from '../audit/chain.js';

/** One row as the driver returns it: column name -> value. */
export type TableRow = Record<string, unknown>;

/**
 * Tables a move does not copy row by row: schema bookkeeping (the target runs its own migrations),
 * locks (they belong to processes of the old store) and meta (carried key by key, see `meta()`).
 * The PostgreSQL audit chain is filled from the source's audit log instead.
 */
export const NOT_MOVED_TABLES: ReadonlySet<string> = new Set(['schema_migrations', 'locks', 'meta', 'audit_log']);

/** One consistent read of a source store. */
export interface StateTableReader {
  /** The tables to carry, by name. */
  tables(): string[];
  count(table: string): number;
  /** Every row of the table, a page at a time. */
  pages(table: string): Iterable<TableRow[]>;
  /** meta entries to carry (the state key above all), without the store's own bookkeeping. */
  meta(): Map<string, string>;
}

/** An open import into an empty target store: one transaction, committed or rolled back as a whole. */
export interface StateImport {
  /** The target's tables, to check that every source table has a home. */
  tables(): ReadonlySet<string>;
  insert(table: string, rows: TableRow[]): Promise<void>;
  count(table: string): Promise<number>;
  setMeta(key: string, value: string): Promise<void>;
  /** Audit lines in seq order; the chain's head follows the last one. */
  appendAuditLines(lines: StoredLine[]): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** The tombstone a moved store keeps. */
export interface MovedTo {
  /** Where the state went, without a password. */
  url: string;
  at: string;
}

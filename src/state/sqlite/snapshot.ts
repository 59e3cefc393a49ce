/**
 * A SQLite store read whole, for `sislink state move`: every table the move carries, page by page,
 * inside one read transaction so the tables agree with each other. A store that was moved keeps a
 * tombstone in `meta` and refuses to open again.
 */
import { SislinkError } from '../../errors.js';
import type { MovedTo, StateTableReader, TableRow } from '../move-types.js';
import { NOT_MOVED_TABLES } from '../move-types.js';
import { statement, type SqliteDatabase } from './db.js';

const MOVED_TO_KEY = 'moved_to';
const PAGE_ROWS = 500;

function movedTables(db: SqliteDatabase): string[] {
  const rows = statement(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return rows.map((row) => row.name).filter((name) => !NOT_MOVED_TABLES.has(name));
}

/** Rows in rowid order, a page per statement: no statement stays open while the caller awaits. */
function* tableRows(db: SqliteDatabase, table: string): Generator<TableRow[]> {
  let after = -Infinity;
  for (;;) {
    const page = statement(db, `SELECT rowid AS "__rowid", * FROM "${table}" WHERE rowid > ? ORDER BY rowid LIMIT ${PAGE_ROWS}`)
      .all(after) as (TableRow & { __rowid: number })[];
    if (page.length === 0) return;
    after = page[page.length - 1]!.__rowid;
    yield page.map(({ __rowid: _rowid, ...row }) => row);
    if (page.length < PAGE_ROWS) return;
  }
}

function reader(db: SqliteDatabase): StateTableReader {
  return {
    tables: () => movedTables(db),
    count: (table) => (statement(db, `SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n,
    pages: (table) => tableRows(db, table),
    meta: () => {
      const rows = statement(db, 'SELECT key, value FROM meta WHERE key <> ? ORDER BY key').all(MOVED_TO_KEY) as { key: string; value: string }[];
      return new Map(rows.map((row) => [row.key, row.value]));
    },
  };
}

/**
 * Runs `work` on one consistent read of the store. The transaction is deferred: its snapshot
 * starts at the first read, and writers in other processes (WAL) are not blocked by it.
 */
export async function readSnapshot<T>(db: SqliteDatabase, work: (tables: StateTableReader) => Promise<T>): Promise<T> {
  db.exec('BEGIN');
  try {
    return await work(reader(db));
  } finally {
    db.exec('COMMIT');
  }
}

export function markMoved(db: SqliteDatabase, moved: MovedTo): void {
  statement(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(MOVED_TO_KEY, JSON.stringify(moved));
}

export function movedTo(db: SqliteDatabase): MovedTo | undefined {
  const row = statement(db, 'SELECT value FROM meta WHERE key = ?').get(MOVED_TO_KEY) as { value: string } | undefined;
  if (row === undefined) return undefined;
  try {
    const parsed = JSON.parse(row.value) as Partial<MovedTo>;
    if (typeof parsed.url === 'string' && typeof parsed.at === 'string') return { url: parsed.url, at: parsed.at };
  } catch {
    // fall through
  }
  throw new SislinkError('STATE_ERROR', `meta "${MOVED_TO_KEY}" of this state store is not readable; it should hold {"url":...,"at":...}`);
}

/** The error every command gets on a store that was moved. */
export function movedError(path: string, moved: MovedTo): SislinkError {
  return new SislinkError(
    'STATE_ERROR',
    `state store ${path} was moved to ${moved.url} on ${moved.at} (sislink state move); use --state ${moved.url} (or SISLINK_STATE) instead`,
    { details: { movedTo: moved.url, movedAt: moved.at } },
  );
}

/** Opens a SQLite database for the state store: private file mode, WAL, busy timeout, foreign keys. */
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { SislinkError } from '../../errors.js';

export type SqliteDatabase = Database.Database;

export const MEMORY_PATH = ':memory:';
/** Distinct SQL texts kept prepared per database (IN lists vary with their length). */
const STATEMENT_CACHE_SIZE = 512;
const statements = new WeakMap<SqliteDatabase, Map<string, Database.Statement>>();

/** The prepared statement for `sql`, prepared once per database: preparing costs more than a small query. */
export function statement(db: SqliteDatabase, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (cache === undefined) {
    cache = new Map();
    statements.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (prepared === undefined) {
    prepared = db.prepare(sql);
    if (cache.size < STATEMENT_CACHE_SIZE) cache.set(sql, prepared);
  }
  return prepared;
}
const BUSY_TIMEOUT_MS = 10_000;

/** Creates the directory (0700) and an empty file (0600) so the state is never world-readable. */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // 'wx' fails if the file exists; an existing file keeps the mode its owner chose.
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Page cache per connection, in KiB. */
const CACHE_KIB = 16_384;

export function openSqliteDatabase(path: string): SqliteDatabase {
  try {
    if (path !== MEMORY_PATH) createPrivateFile(path);
    const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (path !== MEMORY_PATH) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Export checkpoints have random UUID keys: with SQLite's 2 MB default, inserts into a large
    // job keep evicting and re-reading index pages.
    db.pragma(`cache_size = -${CACHE_KIB}`);
    return db;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SislinkError('STATE_ERROR', `cannot open state database ${path}: ${reason}`, { cause: error });
  }
}

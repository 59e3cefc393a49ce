/** Turns a `--state` URL into a migrated store. */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { SislinkError } from '../errors.js';
import { registerUrlSecrets } from './postgres/url.js';
import type { StateStore } from './types.js';

export interface OpenStateStoreOptions {
  /** Base for relative SQLite paths; the process working directory by default. */
  cwd?: string;
  /** Clock for stored timestamps and lock leases. */
  now?: () => Date;
  /** Default lease of district locks. */
  lockLeaseMs?: number;
}

export type StateLocation =
  | { kind: 'sqlite'; path: string }
  | { kind: 'sqlite-memory' }
  | { kind: 'postgres'; url: string };

const SQLITE_FILE = /\.(db|sqlite|sqlite3)$/i;

/** A mistyped URL may still carry a password: never echo the user-info part. */
function withoutPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1***@');
}

function parsePostgresUrl(url: string): StateLocation {
  // Registered before anything can fail, so no later message can show the password.
  registerUrlSecrets(url);
  if (!URL.canParse(url)) {
    throw new SislinkError(
      'USAGE',
      `--state: "${withoutPassword(url)}" is not a valid PostgreSQL URL; use postgres://USER:PASSWORD@HOST:PORT/DATABASE`,
    );
  }
  return { kind: 'postgres', url };
}

/** Parses a state URL without opening anything. */
export function parseStateUrl(url: string, cwd = process.cwd()): StateLocation {
  const trimmed = url.trim();
  if (trimmed === 'sqlite::memory:' || trimmed === ':memory:') return { kind: 'sqlite-memory' };
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return parsePostgresUrl(trimmed);
  let path: string | undefined;
  if (trimmed.startsWith('sqlite:')) {
    path = trimmed.slice('sqlite:'.length);
    // sqlite:///abs/path and sqlite://rel/path read like URLs; both mean the path after "//".
    if (path.startsWith('//')) path = path.slice(2);
  } else if (SQLITE_FILE.test(trimmed) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    path = trimmed;
  }
  if (path === undefined || path === '') {
    throw new SislinkError(
      'USAGE',
      `--state: "${withoutPassword(trimmed)}" is not a state store URL; use sqlite:PATH, a .db/.sqlite file, sqlite::memory: or postgres://...`,
    );
  }
  return { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
}

async function createStore(location: StateLocation, options: OpenStateStoreOptions): Promise<StateStore> {
  const storeOptions = { ...(options.now && { now: options.now }), ...(options.lockLeaseMs !== undefined && { lockLeaseMs: options.lockLeaseMs }) };
  if (location.kind === 'postgres') {
    // Loaded only here: node-postgres stays out of every command that does not use it.
    const { PostgresStateStore } = await import('./postgres/store.js');
    return new PostgresStateStore(location.url, storeOptions);
  }
  const { SqliteStateStore } = await import('./sqlite.js');
  return location.kind === 'sqlite-memory'
    ? SqliteStateStore.inMemory(storeOptions)
    : new SqliteStateStore(location.path, storeOptions);
}

export async function openStateStore(url: string, options: OpenStateStoreOptions = {}): Promise<StateStore> {
  const location = parseStateUrl(url, options.cwd);
  const store = await createStore(location, options);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    if (error instanceof SislinkError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new SislinkError('STATE_ERROR', `cannot prepare state store ${store.url}: ${reason}`, { cause: error });
  }
  return store;
}

/** False for a file-backed store whose file does not exist yet (read-only commands should not create it). */
export function stateStoreExists(url: string, cwd?: string): boolean {
  const location = parseStateUrl(url, cwd);
  return location.kind !== 'sqlite' || existsSync(location.path);
}

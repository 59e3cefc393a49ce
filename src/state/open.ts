/** Turns a `--state` URL into a migrated store. */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { SislinkError } from '../errors.js';
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

/** Parses a state URL without opening anything. */
export function parseStateUrl(url: string, cwd = process.cwd()): StateLocation {
  const trimmed = url.trim();
  if (trimmed === 'sqlite::memory:' || trimmed === ':memory:') return { kind: 'sqlite-memory' };
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { kind: 'postgres', url: trimmed };
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
      `--state: "${trimmed}" is not a state store URL; use sqlite:PATH, a .db/.sqlite file, sqlite::memory: or postgres://...`,
    );
  }
  return { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
}

export async function openStateStore(url: string, options: OpenStateStoreOptions = {}): Promise<StateStore> {
  const location = parseStateUrl(url, options.cwd);
  if (location.kind === 'postgres') {
    throw new SislinkError('STATE_ERROR', 'PostgreSQL state is not available in this build');
  }
  const { SqliteStateStore } = await import('./sqlite.js');
  const storeOptions = { ...(options.now && { now: options.now }), ...(options.lockLeaseMs !== undefined && { lockLeaseMs: options.lockLeaseMs }) };
  const store = location.kind === 'sqlite-memory'
    ? SqliteStateStore.inMemory(storeOptions)
    : new SqliteStateStore(location.path, storeOptions);
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

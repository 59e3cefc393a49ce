import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSislinkError } from '../../src/errors.js';
import { openStateStore, parseStateUrl } from '../../src/state/open.js';
import { describeStateStoreContract } from './contract.js';
import { LEGACY_CHECKPOINTS, legacyRowValues, storedCheckpoints } from './fixtures.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sislink-state-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describeStateStoreContract('sqlite file', async () => openStateStore(`sqlite:${join(await tempDir(), 'nested', 'state.db')}`));
describeStateStoreContract('sqlite memory', async () => openStateStore('sqlite::memory:'));

describe('openStateStore', () => {
  it('creates the directory and a private file, relative to cwd', async () => {
    const cwd = await tempDir();
    const store = await openStateStore('sqlite:.sislink/state.db', { cwd });
    const file = join(cwd, '.sislink', 'state.db');
    expect(store.url).toBe(`sqlite:${file}`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(cwd, '.sislink'))).mode & 0o777).toBe(0o700);
    await store.putLink((await import('./fixtures.js')).sampleLink('d1'));
    await store.close();
    const reopened = await openStateStore(join(cwd, '.sislink', 'state.db'));
    expect((await reopened.listLinks()).length).toBe(1);
    await reopened.close();
  });

  it('keeps data and the state key across reopening', async () => {
    const path = join(await tempDir(), 'state.sqlite');
    const first = await openStateStore(path);
    const key = await first.stateKey();
    await first.setValue('d1', 'k', 1);
    await first.close();
    const second = await openStateStore(`sqlite://${path}`);
    expect((await second.stateKey()).equals(key)).toBe(true);
    expect(await second.getValue('d1', 'k')).toBe(1);
    await second.close();
  });

  it('parses state URLs', () => {
    expect(parseStateUrl('sqlite:a/b.db', '/base')).toEqual({ kind: 'sqlite', path: '/base/a/b.db' });
    expect(parseStateUrl('sqlite:///abs/x', '/base')).toEqual({ kind: 'sqlite', path: '/abs/x' });
    expect(parseStateUrl('state.sqlite3', '/base')).toEqual({ kind: 'sqlite', path: '/base/state.sqlite3' });
    expect(parseStateUrl('sqlite::memory:')).toEqual({ kind: 'sqlite-memory' });
    expect(parseStateUrl('postgres://u@h/db')).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(() => parseStateUrl('mysql://x/y.db')).toThrow(/not a state store URL/);
    expect(() => parseStateUrl('state.txt')).toThrow(/not a state store URL/);
  });

  it('reports unreadable files', async () => {
    const path = join(await tempDir(), 'garbage.db');
    await writeFile(path, 'this is not a database, just text long enough to fill a header page'.repeat(100));
    await expect(openStateStore(path)).rejects.toSatisfy((error) => isSislinkError(error, 'STATE_ERROR') && error.message.includes(path));
  });

  it('refuses a store written by a newer sislink', async () => {
    const path = join(await tempDir(), 'state.db');
    const store = await openStateStore(path);
    await store.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')").run();
    db.close();
    await expect(openStateStore(path)).rejects.toSatisfy((error) => isSislinkError(error, 'STATE_ERROR') && /newer than this sislink/.test(error.message));
  });

  it('packs the result checkpoints of an older store on upgrade, keeping their hashes', async () => {
    const path = join(await tempDir(), 'legacy.db');
    await (await openStateStore(path)).close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path);
    for (const statement of LEGACY_CHECKPOINTS.rollback) db.prepare(statement).run();
    const insert = db.prepare(`${LEGACY_CHECKPOINTS.insert}(?, ?, ?, ?, ?, ?, ?)`);
    for (const row of LEGACY_CHECKPOINTS.rows) insert.run(...legacyRowValues(row));
    db.close();
    const store = await openStateStore(path);
    try {
      expect([...(await storedCheckpoints(store)).values()]).toEqual(LEGACY_CHECKPOINTS.expected);
      expect([...(await storedCheckpoints(store, 'd1', 'other')).keys()]).toEqual(['r-1a']);
    } finally {
      await store.close();
    }
  });
});

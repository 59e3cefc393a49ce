/** PostgreSQL-specific behaviour: concurrent starts, byte-order sorting in any locale, batching. */
import { afterEach, describe, expect, it } from 'vitest';
import { isSislinkError } from '../../src/errors.js';
import { latestStoreVersion } from '../../src/state/migrations/index.js';
import { openStateStore } from '../../src/state/open.js';
import type { StateStore } from '../../src/state/types.js';
import { freshPostgresUrl, sql } from '../helpers/postgres-url.js';
import { LEGACY_CHECKPOINTS, item, legacyRowValues, result, sampleLink, storedCheckpoints } from './fixtures.js';

const opened: StateStore[] = [];
async function open(url: string): Promise<StateStore> {
  const store = await openStateStore(url);
  opened.push(store);
  return store;
}
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

describe('PostgreSQL state store', () => {
  it('runs migrations once when several stores start together on an empty database', async () => {
    const url = await freshPostgresUrl();
    const stores = await Promise.all(Array.from({ length: 6 }, () => open(url)));
    const rows = await sql<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(Array.from({ length: latestStoreVersion() }, (_, index) => index + 1));
    await stores[0]!.putLink(sampleLink('d1'));
    const again = await open(url);
    expect((await again.listLinks()).map((link) => link.district)).toEqual(['d1']);
    expect(await sql(url, 'SELECT version FROM schema_migrations')).toHaveLength(rows.length);
  });

  it('agrees on one state key when stores race to create it', async () => {
    const url = await freshPostgresUrl();
    const stores = await Promise.all(Array.from({ length: 4 }, () => open(url)));
    const keys = await Promise.all(stores.map((store) => store.stateKey()));
    for (const key of keys) expect(key.equals(keys[0]!)).toBe(true);
  });

  it('lets exactly one of many concurrent acquisitions win, from separate pools', async () => {
    const url = await freshPostgresUrl();
    const stores = await Promise.all(Array.from({ length: 5 }, () => open(url)));
    for (let round = 0; round < 10; round += 1) {
      const results = await Promise.allSettled(stores.map((store) => store.acquireLock('d1', { purpose: `round ${round}` })));
      const won = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      expect(won).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') expect(isSislinkError(result.reason, 'LOCK_HELD')).toBe(true);
      }
      expect(won[0]!.takenOver).toBeUndefined();
      await won[0]!.release();
    }
  });

  it('sorts keys bytewise as SQLite does, whatever the database collation', async () => {
    const url = await freshPostgresUrl();
    const store = await open(url);
    const ids = ['b', 'B', 'a', '_x', 'A-1', 'a-0', 'a 1', 'é'];
    await store.putExportItems(ids.map((id) => item(id)));
    const seen: string[] = [];
    for await (const entry of store.iterateExportItems('d1', 'grades')) seen.push(entry.itemId);
    const bytewise = [...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(seen).toEqual(bytewise);
    for (const district of ['beta', 'Alpha', '_gamma']) await store.putLink(sampleLink(district));
    expect((await store.listLinks()).map((link) => link.district)).toEqual(['Alpha', '_gamma', 'beta']);
    expect(await store.listDistricts()).toEqual(['Alpha', '_gamma', 'beta', 'd1']);
  });

  it('keeps the last of repeated items in one batch, across statement-sized chunks', async () => {
    const store = await open(await freshPostgresUrl());
    const many = Array.from({ length: 12_000 }, (_, index) => item(`i-${String(index).padStart(6, '0')}`));
    // 1,200 lineItems' results: more packs than one statement takes.
    const results = many.slice(0, 1200).map((entry) => result(`r-${entry.itemId}`, entry.itemId));
    await store.putExportItems([
      ...many, ...results, item('i-000001', { contentHash: 'second' }), item('i-000001', { contentHash: 'third' }),
      result('r-i-000001', 'i-000001', { contentHash: 'second' }),
    ]);
    const found = await storedCheckpoints(store);
    expect(found.size).toBe(13_200);
    expect(found.get('i-000001')?.contentHash).toBe('third');
    expect(found.get('r-i-000001')?.contentHash).toBe('second');
    await store.deleteExportItems('d1', 'grades', [...many.slice(0, 11_000), ...results.slice(1000)]);
    expect((await storedCheckpoints(store)).size).toBe(1000);
  });

  it('packs the result checkpoints of an older store on upgrade, keeping their hashes', async () => {
    const url = await freshPostgresUrl();
    await (await openStateStore(url)).close();
    for (const statement of LEGACY_CHECKPOINTS.rollback) await sql(url, statement);
    for (const row of LEGACY_CHECKPOINTS.rows) await sql(url, `${LEGACY_CHECKPOINTS.insert}($1, $2, $3, $4, $5, $6, $7)`, legacyRowValues(row));
    const store = await open(url);
    expect([...(await storedCheckpoints(store)).values()]).toEqual(LEGACY_CHECKPOINTS.expected);
    expect([...(await storedCheckpoints(store, 'd1', 'other')).keys()]).toEqual(['r-1a']);
  });

  it('keeps journal ids numeric and increasing, and JSON exactly as written', async () => {
    const store = await open(await freshPostgresUrl());
    const data = { z: 1, a: [true, null, 'x'], nested: { b: 'é', a: 2.5 } };
    const id = await store.journalIntent({ runId: 'r1', district: 'd1', actionId: 'a', planHash: 'p', data });
    expect(typeof id).toBe('number');
    const [entry] = await store.listJournal('d1');
    expect(entry?.id).toBe(id);
    expect(JSON.stringify(entry?.data)).toBe(JSON.stringify(data));
  });

  it('reports SQL failures as STATE_ERROR naming the store without its password', async () => {
    const url = await freshPostgresUrl();
    const store = await open(url);
    await sql(url, 'DROP TABLE runs');
    const failure = store.listRuns();
    await expect(failure).rejects.toSatisfy((error) => isSislinkError(error, 'STATE_ERROR'));
    const message = await failure.catch((error: Error) => error.message);
    expect(message).toContain('runs');
    expect(message).toContain(store.url);
    expect(message).not.toContain(new URL(url).password);
  });
});

describe('serialised sections', () => {
  it('never overlaps two holders of the same name, across pools', async () => {
    const { PostgresStateStore } = await import('../../src/state/postgres/store.js');
    const url = await freshPostgresUrl();
    await open(url);
    const stores = Array.from({ length: 3 }, () => new PostgresStateStore(url));
    await sql(url, 'CREATE TABLE chain (seq INTEGER PRIMARY KEY)');
    // Read-the-head-then-append: without serialisation two appenders pick the same next seq.
    const append = (store: InstanceType<typeof PostgresStateStore>) => store.withSerialLock('audit', async (tx) => {
      const [head] = await tx.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM chain');
      await tx.query('SELECT pg_sleep(0.002)');
      await tx.execute('INSERT INTO chain (seq) VALUES ($1)', [(head?.seq ?? 0) + 1]);
    });
    try {
      await Promise.all(stores.flatMap((store) => Array.from({ length: 10 }, () => append(store))));
      const rows = await sql<{ seq: number }>(url, 'SELECT seq FROM chain ORDER BY seq');
      expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    } finally {
      for (const store of stores) await store.close();
    }
  });
});

/** District locks across real processes sharing one PostgreSQL store. */
import { afterEach, describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import { isSislinkError } from '../../src/errors.js';
import { openStateStore } from '../../src/state/open.js';
import type { StateStore } from '../../src/state/types.js';
import { freshPostgresUrl, sql } from '../helpers/postgres-url.js';
import type { Child } from './child.js';
import { expectOneWinnerPerRound, lockChildren } from './lock-children.js';

const { start, stopAll } = lockChildren();
const stores: StateStore[] = [];

async function storeUrl(): Promise<string> {
  const url = await freshPostgresUrl();
  await (await openStateStore(url)).close();
  return url;
}

async function open(url: string): Promise<StateStore> {
  const store = await openStateStore(url);
  stores.push(store);
  return store;
}

async function holding(url: string): Promise<Child> {
  const holder = await start(url);
  holder.send('go');
  expect(await holder.nextLine()).toBe(`won ${holder.pid}`);
  return holder;
}

afterEach(async () => {
  await stopAll();
  for (const store of stores.splice(0)) await store.close();
});

describe('district locks across processes on PostgreSQL', () => {
  it('lets exactly one of two concurrent acquisitions win', async () => {
    await expectOneWinnerPerRound(start, await storeUrl());
  });

  it('fails fast against a live holder in another process, naming pid and host', async () => {
    const url = await storeUrl();
    const holder = await holding(url);
    const store = await open(url);
    const failure = await store.acquireLock('d1', { purpose: 'apply' }).catch((error: unknown) => error);
    expect(isSislinkError(failure, 'LOCK_HELD')).toBe(true);
    expect((failure as Error).message).toContain(`pid ${holder.pid} on host ${hostname()} since`);
    expect((failure as Error).message).toContain('(child)');
  });

  it('takes over the lock of a process that died', async () => {
    const url = await storeUrl();
    const holder = await holding(url);
    holder.process.kill('SIGKILL');
    await holder.exited;
    const store = await open(url);
    expect((await store.getLock('d1'))?.pid).toBe(holder.pid);
    const handle = await store.acquireLock('d1', { purpose: 'apply' });
    expect(handle.takenOver).toMatchObject({ reason: 'dead-process', holder: { pid: holder.pid } });
    expect(await store.getLock('d1')).toEqual(handle.holder);
    await handle.release();
    expect(await store.getLock('d1')).toBeUndefined();
  });

  it('takes over a lock naming this pid that this process never took (an earlier process with the same pid)', async () => {
    const url = await storeUrl();
    const store = await open(url);
    await sql(url, "INSERT INTO locks (district, host, pid, since, purpose, token, expires_at) VALUES ('d1', $1, $2, $3, 'apply', 'old-token', '2999-01-01T00:00:00.000Z')", [
      hostname(), process.pid, new Date().toISOString(),
    ]);
    const handle = await store.acquireLock('d1', { purpose: 'apply' });
    expect(handle.takenOver).toMatchObject({ reason: 'dead-process', holder: { token: 'old-token', pid: process.pid } });
    await handle.release();
  });

  it('does not take over a lock of a dead pid on another host before its lease ends, but does after', async () => {
    const url = await storeUrl();
    const store = await open(url);
    const handle = await store.acquireLock('d1', { purpose: 'apply' });
    await sql(url, "UPDATE locks SET host = 'elsewhere', pid = 999999999 WHERE district = 'd1'");
    await expect(store.acquireLock('d1', { purpose: 'apply' })).rejects.toThrow(/pid 999999999 on host elsewhere/);
    await sql(url, "UPDATE locks SET expires_at = '2000-01-01T00:00:00.000Z' WHERE district = 'd1'");
    const next = await store.acquireLock('d1', { purpose: 'apply' });
    expect(next.takenOver).toMatchObject({ reason: 'lease-expired', holder: { host: 'elsewhere', token: handle.holder.token } });
    await handle.release();
    expect(await store.getLock('d1')).toEqual(next.holder);
    expect(await store.forceUnlock('d1')).toEqual(next.holder);
  });
});

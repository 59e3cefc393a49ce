/** Locks across real processes sharing one SQLite file. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSislinkError } from '../../src/errors.js';
import { openStateStore } from '../../src/state/open.js';
import { expectOneWinnerPerRound, lockChildren } from './lock-children.js';

const dirs: string[] = [];
const { start, stopAll } = lockChildren();

async function statePath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sislink-locks-'));
  dirs.push(dir);
  const path = join(dir, 'state.db');
  await (await openStateStore(path)).close();
  return path;
}

afterEach(async () => {
  await stopAll();
});
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('district locks across processes', () => {
  it('lets exactly one of two concurrent acquisitions win', async () => {
    await expectOneWinnerPerRound(start, await statePath());
  });

  it('fails fast against a live holder in another process, naming pid and host', async () => {
    const path = await statePath();
    const holder = await start(path);
    holder.send('go');
    expect(await holder.nextLine()).toBe(`won ${holder.pid}`);
    const store = await openStateStore(path);
    try {
      await store.acquireLock('d1', { purpose: 'apply' });
      expect.unreachable('the lock is held');
    } catch (error) {
      expect(isSislinkError(error, 'LOCK_HELD')).toBe(true);
      expect((error as Error).message).toContain(`pid ${holder.pid} on host ${hostname()}`);
      expect((error as Error).message).toContain('(child)');
    } finally {
      await store.close();
    }
  });

  it('takes over the lock of a process that died', async () => {
    const path = await statePath();
    const holder = await start(path);
    holder.send('go');
    expect(await holder.nextLine()).toBe(`won ${holder.pid}`);
    holder.process.kill('SIGKILL');
    await holder.exited;
    const store = await openStateStore(path);
    expect((await store.getLock('d1'))?.pid).toBe(holder.pid);
    const handle = await store.acquireLock('d1', { purpose: 'apply' });
    expect(handle.takenOver?.reason).toBe('dead-process');
    expect(handle.takenOver?.holder.pid).toBe(holder.pid);
    expect(await store.getLock('d1')).toEqual(handle.holder);
    await handle.release();
    await store.close();
  });

  it('takes over a lock naming this pid that this process never took (an earlier process with the same pid)', async () => {
    const path = await statePath();
    const store = await openStateStore(path);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path);
    db.prepare("INSERT INTO locks (district, host, pid, since, purpose, token, expires_at) VALUES ('d1', ?, ?, ?, 'apply', 'old-token', '2999-01-01T00:00:00.000Z')")
      .run(hostname(), process.pid, new Date().toISOString());
    db.close();
    const handle = await store.acquireLock('d1', { purpose: 'apply' });
    expect(handle.takenOver).toMatchObject({ reason: 'dead-process', holder: { token: 'old-token', pid: process.pid } });
    await handle.release();
    await store.close();
  });

  it('does not take over a lock of a dead pid on another host before its lease ends', async () => {
    const path = await statePath();
    const store = await openStateStore(path);
    const handle = await store.acquireLock('d1', { purpose: 'apply' });
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path);
    db.prepare("UPDATE locks SET host = 'elsewhere', pid = 999999999 WHERE district = 'd1'").run();
    db.close();
    await expect(store.acquireLock('d1', { purpose: 'apply' })).rejects.toThrow(/pid 999999999 on host elsewhere/);
    expect(await store.forceUnlock('d1')).toMatchObject({ host: 'elsewhere', token: handle.holder.token });
    await store.close();
  });
});

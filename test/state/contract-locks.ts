/** Lock part of the StateStore contract (within one process; see locks.test.ts for several). */
import { describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { isSislinkError, SislinkError } from '../../src/errors.js';
import type { StateStore } from '../../src/state/types.js';

async function lockError(promise: Promise<unknown>): Promise<SislinkError> {
  try {
    await promise;
  } catch (error) {
    if (isSislinkError(error, 'LOCK_HELD')) return error;
    throw error;
  }
  throw new Error('expected LOCK_HELD');
}

export function describeLockContract(fresh: () => Promise<StateStore>): void {
  describe('locks', () => {
    it('fails fast naming the holder, and frees on release', async () => {
      const store = await fresh();
      const handle = await store.acquireLock('d1', { purpose: 'apply' });
      expect(handle.holder).toMatchObject({ host: hostname(), pid: process.pid, purpose: 'apply' });
      expect(handle.takenOver).toBeUndefined();
      expect(await store.getLock('d1')).toEqual(handle.holder);
      const error = await lockError(store.acquireLock('d1', { purpose: 'reconcile' }));
      expect(error.message).toContain(`pid ${process.pid}`);
      expect(error.message).toContain(`host ${hostname()}`);
      expect(error.message).toContain(handle.holder.since);
      expect(error.message).not.toContain(handle.holder.token);
      const other = await store.acquireLock('d2', { purpose: 'apply' });
      await handle.release();
      await handle.release();
      expect(await store.getLock('d1')).toBeUndefined();
      const again = await store.acquireLock('d1', { purpose: 'apply' });
      expect(again.holder.token).not.toBe(handle.holder.token);
      await again.release();
      await other.release();
    });

    it('waits for a lock up to timeoutMs', async () => {
      const store = await fresh();
      const first = await store.acquireLock('d1', { purpose: 'apply' });
      const waiting = store.acquireLock('d1', { purpose: 'apply', timeoutMs: 60_000 });
      await sleep(100);
      await first.release();
      const second = await waiting;
      expect(second.holder.token).not.toBe(first.holder.token);
      const error = await lockError(store.acquireLock('d1', { purpose: 'apply', timeoutMs: 150 }));
      expect(error.message).toMatch(/waited \d+ ms/);
      await second.release();
    });

    it('lets anyone take over a lock whose lease expired', async () => {
      const store = await fresh();
      const old = await store.acquireLock('d1', { purpose: 'apply', leaseMs: 1 });
      await sleep(20);
      const next = await store.acquireLock('d1', { purpose: 'reconcile' });
      expect(next.takenOver).toEqual({ holder: old.holder, reason: 'lease-expired' });
      // The old holder's release must not free the new holder's lock.
      await old.release();
      expect(await store.getLock('d1')).toEqual(next.holder);
      await next.release();
    });

    it('force-unlocks whatever the holder', async () => {
      const store = await fresh();
      expect(await store.forceUnlock('d1')).toBeUndefined();
      const handle = await store.acquireLock('d1', { purpose: 'apply' });
      expect(await store.forceUnlock('d1')).toEqual(handle.holder);
      expect(await store.getLock('d1')).toBeUndefined();
      const next = await store.acquireLock('d1', { purpose: 'apply' });
      await handle.release();
      expect(await store.getLock('d1')).toEqual(next.holder);
      await next.release();
    });
  });
}

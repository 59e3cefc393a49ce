/**
 * District locks on PostgreSQL: one row per district with a lease. Taking a lock is one
 * transaction: insert if absent, otherwise lock the row (FOR UPDATE) and replace it only when
 * its holder is gone (same host, dead pid) or its lease has expired.
 */
import {
  acquireWithBackoff, forgetHeld, heldLockHandle, leaseExpiry, newLockHolder, rememberHeld, rowToStoredLock, staleReason,
  type AttemptResult, type LockContextOf, type LockRow, type StoredLock, type TakenLock,
} from '../locks.js';
import type { LockHandle, LockHolder, LockOptions } from '../types.js';
import type { PgDatabase, Queryable } from './db.js';

export type LockContext = LockContextOf<PgDatabase>;

export async function readLock(db: Queryable, district: string): Promise<StoredLock | undefined> {
  const [row] = await db.query<LockRow>('SELECT * FROM locks WHERE district = $1', [district]);
  return row === undefined ? undefined : rowToStoredLock(row);
}

function holderValues(district: string, holder: LockHolder, expiresAt: string): unknown[] {
  return [district, holder.host, holder.pid, holder.since, holder.purpose, holder.token, expiresAt];
}

/** One attempt; `undefined` when the row vanished between the insert and the read (try again). */
async function tryTakeOnce(context: LockContext, district: string, options: LockOptions): Promise<AttemptResult<TakenLock> | undefined> {
  const now = context.now();
  const holder = newLockHolder(options.purpose, now);
  const expiresAt = leaseExpiry(now, options.leaseMs ?? context.defaultLeaseMs);
  // Known as ours before the row exists: another acquisition in this process that reads the row
  // before our commit returns must see a live holder, not a stale lock of an earlier same pid.
  rememberHeld(holder.token);
  let result: AttemptResult<TakenLock> | undefined;
  try {
    result = await takeIn(context, district, holder, expiresAt, now);
  } finally {
    if (result === undefined || !('acquired' in result)) forgetHeld(holder.token);
  }
  return result;
}

function takeIn(
  context: LockContext, district: string, holder: LockHolder, expiresAt: string, now: Date,
): Promise<AttemptResult<TakenLock> | undefined> {
  return context.db.transaction(async (tx) => {
    const inserted = await tx.execute(
      `INSERT INTO locks (district, host, pid, since, purpose, token, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (district) DO NOTHING`,
      holderValues(district, holder, expiresAt),
    );
    if (inserted === 1) return { acquired: { holder } };
    const [row] = await tx.query<LockRow>('SELECT * FROM locks WHERE district = $1 FOR UPDATE', [district]);
    if (row === undefined) return undefined;
    const existing = rowToStoredLock(row);
    const reason = staleReason(existing, now);
    if (reason === undefined) return { heldBy: existing.holder };
    await tx.execute(
      'UPDATE locks SET host = $2, pid = $3, since = $4, purpose = $5, token = $6, expires_at = $7 WHERE district = $1',
      holderValues(district, holder, expiresAt),
    );
    return { acquired: { holder, takenOver: { holder: existing.holder, reason } } };
  });
}

async function tryTake(context: LockContext, district: string, options: LockOptions): Promise<AttemptResult<TakenLock>> {
  for (;;) {
    const result = await tryTakeOnce(context, district, options);
    if (result !== undefined) return result;
  }
}

export async function releaseLock(db: Queryable, district: string, token: string): Promise<boolean> {
  return (await db.execute('DELETE FROM locks WHERE district = $1 AND token = $2', [district, token])) > 0;
}

export async function acquirePostgresLock(context: LockContext, district: string, options: LockOptions): Promise<LockHandle> {
  const taken = await acquireWithBackoff(district, options.timeoutMs ?? 0, () => tryTake(context, district, options));
  return heldLockHandle(district, taken, (token) => releaseLock(context.db, district, token));
}

export async function forceUnlockPostgres(db: Queryable, district: string): Promise<LockHolder | undefined> {
  const [row] = await db.query<LockRow>('DELETE FROM locks WHERE district = $1 RETURNING *', [district]);
  return row === undefined ? undefined : rowToStoredLock(row).holder;
}

/** District locks on SQLite: one row per district, taken inside an IMMEDIATE transaction. */
import { SislinkError } from '../../errors.js';
import {
  acquireWithBackoff, heldLockHandle, leaseExpiry, newLockHolder, rememberHeld, rowToStoredLock, staleReason,
  type AttemptResult, type LockContextOf, type LockRow, type StoredLock, type TakenLock,
} from '../locks.js';
import type { LockHandle, LockHolder, LockOptions } from '../types.js';
import { statement, type SqliteDatabase } from './db.js';

export type LockContext = LockContextOf<SqliteDatabase>;

export function readLock(db: SqliteDatabase, district: string): StoredLock | undefined {
  const row = statement(db, 'SELECT * FROM locks WHERE district = ?').get(district) as LockRow | undefined;
  return row === undefined ? undefined : rowToStoredLock(row);
}

function tryTake(context: LockContext, district: string, options: LockOptions): AttemptResult<TakenLock> {
  const { db } = context;
  return db.transaction((): AttemptResult<TakenLock> => {
    const now = context.now();
    const existing = readLock(db, district);
    const reason = existing === undefined ? undefined : staleReason(existing, now);
    if (existing !== undefined && reason === undefined) return { heldBy: existing.holder };
    const holder = newLockHolder(options.purpose, now);
    const expiresAt = leaseExpiry(now, options.leaseMs ?? context.defaultLeaseMs);
    statement(db, 'DELETE FROM locks WHERE district = ?').run(district);
    statement(db, 
      'INSERT INTO locks (district, host, pid, since, purpose, token, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(district, holder.host, holder.pid, holder.since, holder.purpose, holder.token, expiresAt);
    if (existing === undefined || reason === undefined) return { acquired: { holder } };
    return { acquired: { holder, takenOver: { holder: existing.holder, reason } } };
  }).immediate();
}

export function releaseLock(db: SqliteDatabase, district: string, token: string): boolean {
  return statement(db, 'DELETE FROM locks WHERE district = ? AND token = ?').run(district, token).changes > 0;
}

export async function acquireSqliteLock(
  context: LockContext,
  district: string,
  options: LockOptions,
): Promise<LockHandle> {
  const taken = await acquireWithBackoff(district, options.timeoutMs ?? 0, async () => {
    try {
      return tryTake(context, district, options);
    } catch (error) {
      // Another process kept the database busy beyond busy_timeout: a store problem, not a lock holder.
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
        throw new SislinkError('STATE_ERROR', `state database stayed busy while locking district "${district}"`, { cause: error });
      }
      throw error;
    }
  });
  rememberHeld(taken.holder.token);
  return heldLockHandle(district, taken, (token) => releaseLock(context.db, district, token));
}

export function forceUnlockSqlite(db: SqliteDatabase, district: string): LockHolder | undefined {
  return db.transaction(() => {
    const existing = readLock(db, district);
    if (existing === undefined) return undefined;
    statement(db, 'DELETE FROM locks WHERE district = ? AND token = ?').run(district, existing.holder.token);
    return existing.holder;
  }).immediate();
}

/**
 * Backend-independent lock rules: when a held lock is stale, how a held lock is reported, and how
 * long to wait between attempts. Backends only provide an atomic "take if free or stale" step.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SislinkError } from '../errors.js';
import { getLogger } from '../log.js';
import type { LockHandle, LockHolder } from './types.js';

/** Locks carry a lease: past it, any host may take the lock over (a runner that vanished). */
export const DEFAULT_LOCK_LEASE_MS = 4 * 60 * 60 * 1000;

const FIRST_POLL_MS = 25;
const MAX_POLL_MS = 1000;

export interface StoredLock {
  holder: LockHolder;
  /** ISO time after which the lock may be taken over by anyone. */
  expiresAt: string;
}

export type StaleReason = 'dead-process' | 'lease-expired';

/** A row of the `locks` table, the same on every backend. */
export interface LockRow {
  district: string;
  host: string;
  pid: number;
  since: string;
  purpose: string;
  token: string;
  expires_at: string;
}

export function rowToStoredLock(row: LockRow): StoredLock {
  return {
    holder: { host: row.host, pid: row.pid, since: row.since, purpose: row.purpose, token: row.token },
    expiresAt: row.expires_at,
  };
}

/** What a backend's lock functions work with: its database, the store's clock and default lease. */
export interface LockContextOf<Db> {
  db: Db;
  now: () => Date;
  defaultLeaseMs: number;
}

/** What one successful attempt took: a free lock, or a stale one taken over. */
export interface TakenLock {
  holder: LockHolder;
  takenOver?: { holder: LockHolder; reason: StaleReason };
}

export function newLockHolder(purpose: string, now: Date): LockHolder {
  return { host: hostname(), pid: process.pid, since: now.toISOString(), purpose, token: randomUUID() };
}

export function leaseExpiry(now: Date, leaseMs: number): string {
  return new Date(now.getTime() + leaseMs).toISOString();
}

/** True unless the OS says there is no such process (ESRCH); EPERM means it exists. */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Tokens of the locks this process holds. A lock naming our own host and pid but a token we do
 * not hold was left by an earlier process that had the same pid (containers often run as pid 1).
 */
const heldTokens = new Set<string>();

export function rememberHeld(token: string): void {
  heldTokens.add(token);
}

export function forgetHeld(token: string): void {
  heldTokens.delete(token);
}

function holderIsGone(holder: LockHolder, host: string): boolean {
  if (holder.host !== host) return false;
  if (holder.pid === process.pid) return !heldTokens.has(holder.token);
  return !isProcessAlive(holder.pid);
}

/** Why a held lock may be taken over, or undefined when its holder must be respected. */
export function staleReason(lock: StoredLock, now: Date, host = hostname()): StaleReason | undefined {
  if (holderIsGone(lock.holder, host)) return 'dead-process';
  if (Date.parse(lock.expiresAt) <= now.getTime()) return 'lease-expired';
  return undefined;
}

export function describeHolder(holder: LockHolder): string {
  return `pid ${holder.pid} on host ${holder.host} since ${holder.since} (${holder.purpose})`;
}

/** The holder without its release token, for messages and output. */
export function publicHolder(holder: LockHolder): Omit<LockHolder, 'token'> {
  return { host: holder.host, pid: holder.pid, since: holder.since, purpose: holder.purpose };
}

export function lockHeldError(district: string, holder: LockHolder, waitedMs: number): SislinkError {
  const waited = waitedMs > 0 ? ` (waited ${waitedMs} ms)` : '';
  return new SislinkError(
    'LOCK_HELD',
    `district "${district}" is locked by ${describeHolder(holder)}${waited}; ` +
      `wait for it, retry with --lock-timeout, or run \`sislink state unlock ${district}\` if that run is gone`,
    { details: { district, holder: publicHolder(holder) } },
  );
}

export type AttemptResult<T> = { acquired: T } | { heldBy: LockHolder };

/** Retries `attempt` with growing pauses until it acquires or `timeoutMs` has passed. */
export async function acquireWithBackoff<T>(
  district: string,
  timeoutMs: number,
  attempt: () => Promise<AttemptResult<T>>,
): Promise<T> {
  const started = Date.now();
  let pause = FIRST_POLL_MS;
  for (;;) {
    const result = await attempt();
    if ('acquired' in result) return result.acquired;
    const waited = Date.now() - started;
    if (waited >= timeoutMs) throw lockHeldError(district, result.heldBy, timeoutMs > 0 ? waited : 0);
    await sleep(Math.min(pause, Math.max(1, timeoutMs - waited)));
    pause = Math.min(MAX_POLL_MS, Math.ceil(pause * 1.6));
  }
}

/**
 * The handle for a lock this process now holds (its token already remembered as held).
 * `remove` deletes the lock row only if it still carries the token, and says whether it did.
 */
export function heldLockHandle(
  district: string,
  taken: TakenLock,
  remove: (token: string) => boolean | Promise<boolean>,
): LockHandle {
  if (taken.takenOver) {
    getLogger().warn(
      { district, previous: describeHolder(taken.takenOver.holder), reason: taken.takenOver.reason },
      'took over a stale lock',
    );
  }
  let released = false;
  const handle: LockHandle = {
    district,
    holder: taken.holder,
    async release() {
      if (released) return;
      released = true;
      forgetHeld(taken.holder.token);
      // Deleting by token: a lock taken over or force-unlocked meanwhile is not ours to remove.
      if (!(await remove(taken.holder.token))) {
        getLogger().warn({ district }, 'lock was no longer held by this run at release');
      }
    },
  };
  if (taken.takenOver) handle.takenOver = taken.takenOver;
  return handle;
}

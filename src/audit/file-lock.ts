/**
 * A short exclusive lock on a file (`PATH.lock`, created with O_EXCL) so appends from several
 * processes stay one linear chain. Held for one append only; a lock left by a dead process on
 * this host, or older than STALE_MS, is cleared.
 */
import { randomUUID } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { SislinkError } from '../errors.js';
import { isProcessAlive } from '../state/locks.js';

const STALE_MS = 30_000;
const GIVE_UP_MS = 60_000;

interface LockContent {
  pid: number;
  host: string;
  since: number;
}

function isStale(content: LockContent | undefined): boolean {
  if (content === undefined) return true;
  if (content.host === hostname() && content.pid !== process.pid && !isProcessAlive(content.pid)) return true;
  return Date.now() - content.since > STALE_MS;
}

async function readLock(path: string): Promise<{ raw: string; content: LockContent | undefined } | undefined> {
  try {
    const raw = await readFile(path, 'utf8');
    try {
      return { raw, content: JSON.parse(raw) as LockContent };
    } catch {
      return { raw, content: undefined };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Moves a stale lock aside; if another process replaced it meanwhile, puts theirs back. */
async function clearStale(path: string, seen: string): Promise<void> {
  const aside = `${path}.${randomUUID()}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return;
  }
  if ((await readFile(aside, 'utf8')) !== seen) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/** Writes the content aside, then links it in place: the lock never exists half-written. */
async function tryCreate(path: string, content: string): Promise<boolean> {
  const pending = `${path}.${randomUUID()}.new`;
  await writeFile(pending, content, { mode: 0o600 });
  try {
    await link(pending, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    await unlink(pending).catch(() => undefined);
  }
}

export async function withFileLock<T>(target: string, body: () => Promise<T>): Promise<T> {
  const path = `${target}.lock`;
  const content = JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now() });
  const started = Date.now();
  let pause = 5;
  for (;;) {
    if (await tryCreate(path, content)) break;
    const held = await readLock(path);
    if (held !== undefined && isStale(held.content)) {
      await clearStale(path, held.raw);
      continue;
    }
    if (Date.now() - started > GIVE_UP_MS) {
      throw new SislinkError('STATE_ERROR', `audit log lock ${path} is held by another process (${held?.raw ?? 'unknown'})`);
    }
    await sleep(pause);
    pause = Math.min(200, pause * 2);
  }
  try {
    return await body();
  } finally {
    // Only remove the lock if it is still ours (it may have been cleared as stale meanwhile).
    if ((await readLock(path))?.raw === content) await unlink(path).catch(() => undefined);
  }
}

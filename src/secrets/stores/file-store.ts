/**
 * `file:DIR`: one file per secret, mode 0600, in DIR (0700, created when missing), relative to the
 * district file and confined like `file:` references so the returned reference always resolves.
 * Writes are atomic (temp file, fsync, hard link into place) and never replace a different value.
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SislinkError } from '../../errors.js';
import { registerSecret } from '../redact.js';
import { confinePath, isInside, realpathPartial, relativeFromConfig } from '../paths.js';
import type { SecretStoreContext, WritableSecretStore } from './types.js';
import { sanitiseSecretName } from './names.js';
import { storeConflict, storeFailed } from './errors.js';

export function openFileStore(spec: string, dir: string, context: SecretStoreContext): WritableSecretStore {
  async function directory(): Promise<string> {
    const confined = await confinePath(dir, context);
    if ('reason' in confined) throw new SislinkError('SECRET_REFERENCE_INVALID', `secret store ${spec} ${confined.reason}`);
    return confined.path;
  }

  async function reference(file: string): Promise<string> {
    return `file:${await relativeFromConfig(file, context)}`;
  }

  return {
    spec,
    async put(name: string, value: string): Promise<string> {
      const fileName = sanitiseSecretName(name);
      checkValue(spec, fileName, value);
      registerSecret(value);
      const target = await ensureDirectory(spec, await directory(), context);
      const file = path.join(target, fileName);
      const existing = await readIfExists(file);
      if (existing !== undefined) {
        if (existing === value) return reference(file);
        throw storeConflict(spec, fileName);
      }
      await writeNoClobber(spec, file, value);
      await removeStaleTemps(target, fileName);
      return reference(file);
    },
    async get(name: string): Promise<string | undefined> {
      const value = await readIfExists(path.join(await directory(), sanitiseSecretName(name)));
      if (value !== undefined) registerSecret(value);
      return value;
    },
  };
}

function checkValue(spec: string, name: string, value: string): void {
  if (typeof value !== 'string' || value === '') throw storeFailed(spec, name, 'the value is empty');
  // file: references trim one trailing newline, so such a value would not read back unchanged.
  if (value.endsWith('\n')) throw storeFailed(spec, name, 'the value ends with a newline');
}

async function ensureDirectory(spec: string, dir: string, context: SecretStoreContext): Promise<string> {
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) await chmod(dir, 0o700);
  const info = await stat(dir);
  if (!info.isDirectory()) throw storeFailed(spec, '-', `${dir} is not a directory`);
  // A store inside the repository must never be committed by accident.
  if (isInside(await realpathPartial(context.repoRoot), dir)) {
    await writeFile(path.join(dir, '.gitignore'), '*\n', { flag: 'wx', mode: 0o600 }).catch(() => undefined);
  }
  return dir;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeNoClobber(spec: string, file: string, value: string): Promise<void> {
  const dir = path.dirname(file);
  const name = path.basename(file);
  const temp = path.join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(value, 'utf8');
    await handle.chmod(0o600);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await placeWithoutOverwrite(spec, temp, file, value);
    await syncDirectory(dir);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** A hard link fails when the target exists, so two writers can never replace each other's value. */
async function placeWithoutOverwrite(spec: string, temp: string, file: string, value: string): Promise<void> {
  try {
    await link(temp, file);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if ((await readIfExists(file)) === value) return;
      throw storeConflict(spec, path.basename(file));
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
  }
  // File systems without hard links: check, then rename (atomic, but only checked, not locked).
  if ((await readIfExists(file)) !== undefined) throw storeConflict(spec, path.basename(file));
  await rename(temp, file);
}

/** Temp files of writers that died (SIGKILL) still hold a secret: remove those whose process is gone. */
async function removeStaleTemps(dir: string, name: string): Promise<void> {
  const prefix = `.${name}.`;
  for (const entry of await readdir(dir)) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const pid = Number(entry.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid > 0 && !processAlive(pid)) await unlink(path.join(dir, entry)).catch(() => undefined);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms cannot fsync a directory; the file itself is already synced.
  }
}

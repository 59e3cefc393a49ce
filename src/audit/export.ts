/**
 * Writes an audit chain as a log file (and its `.head` file) that `sislink audit verify FILE`
 * checks: the lines exactly as stored, in seq order, and the head as recorded next to the chain,
 * so damage in the store stays visible in the archive. Written aside, then renamed into place.
 */
import { copyFile, open, rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AuditChain } from './chain.js';
import type { AuditLocation } from './for-state.js';
import { headPath, readHead, writeHead } from './tail.js';
import { SislinkError } from '../errors.js';

/** Bytes gathered before each write. */
const WRITE_CHUNK = 1024 * 1024;

async function writeLines(chain: AuditChain, path: string): Promise<void> {
  const handle = await open(path, 'w', 0o600);
  try {
    let pending: string[] = [];
    let size = 0;
    for await (const stored of chain.lines()) {
      pending.push(`${stored.line}\n`);
      size += stored.line.length + 1;
      if (size < WRITE_CHUNK) continue;
      await handle.write(pending.join(''));
      pending = [];
      size = 0;
    }
    if (pending.length > 0) await handle.write(pending.join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exportChain(chain: AuditChain, file: string): Promise<void> {
  const head = await chain.head();
  const pending = `${file}.${process.pid}.tmp`;
  try {
    await writeLines(chain, pending);
    await rename(pending, file);
  } finally {
    await rm(pending, { force: true });
  }
  if (head === undefined) await rm(headPath(file), { force: true });
  else await writeHead(file, head);
}

async function copyLog(source: string, file: string): Promise<void> {
  const from = resolve(source);
  if (from === file) throw new SislinkError('USAGE', `audit export: ${file} is the audit log itself; choose another file`);
  const pending = `${file}.${process.pid}.tmp`;
  try {
    await copyFile(from, pending);
    await rename(pending, file);
  } catch (error) {
    await rm(pending, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new SislinkError('NOT_FOUND', `audit log ${source} does not exist`);
    throw error;
  }
  const head = await readHead(from);
  if (head === undefined) await rm(headPath(file), { force: true });
  else await writeHead(file, head);
}

/** Writes the log at `location` to `file` (and `file.head`). */
export async function exportAuditLog(location: AuditLocation, file: string): Promise<void> {
  const target = resolve(file);
  if (location.kind === 'file') return copyLog(location.path, target);
  return exportChain(await location.source.chain(), target);
}

/**
 * The append-only audit log file. Appends are serialised twice: an in-process queue per file, and
 * a lock file across processes; each line is written with one O_APPEND write and fsynced.
 */
import { mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { SislinkError } from '../errors.js';
import { withFileLock } from './file-lock.js';
import { readRawLines } from './lines.js';
import { enqueue } from './queue.js';
import { auditRecordMaker, type AuditLogOptions } from './record.js';
import { readTip, writeHead, type ChainTip } from './tail.js';
import type { AuditEvent, AuditRecord } from './types.js';

export type { AuditLogOptions } from './record.js';

export interface AuditLog {
  /** Where the chain lives: a file path, or the state store's URL (without password). */
  readonly path: string;
  append(event: AuditEvent): Promise<AuditRecord>;
  read(): AsyncIterable<AuditRecord>;
  /** Releases what the log opened itself (a file log holds nothing open). */
  close(): Promise<void>;
}

async function appendLine(path: string, line: string): Promise<void> {
  const handle = await open(path, 'a', 0o600);
  try {
    await handle.write(`${line}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Appends a line sealed elsewhere (the last line a state move carries into its new store, so both
 * chains end alike). The caller holds the file lock and has checked that the tip is the one the
 * line was sealed against.
 */
export async function appendSealedLine(path: string, sealed: { line: string; tip: ChainTip }): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await appendLine(path, sealed.line);
  await writeHead(path, sealed.tip);
}

export function openAuditLog(path: string, options: AuditLogOptions = {}): AuditLog {
  const file = resolve(path);
  const maker = auditRecordMaker(options);

  async function write(given: AuditEvent): Promise<AuditRecord> {
    const event = await maker.prepare(given);
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    return withFileLock(file, async () => {
      const sealed = maker.seal(event, await readTip(file));
      await appendLine(file, sealed.line);
      await writeHead(file, sealed.tip);
      return sealed.record;
    });
  }

  return {
    path: file,
    append: (event) => enqueue(file, () => write(event)),
    read: () => readRecords(file),
    close: async () => undefined,
  };
}

/** Parses one stored line; `where` names it in the error (`file:line`, or the store and seq). */
export function parseAuditLine(where: string, text: string, verifyHint: string): AuditRecord {
  try {
    return JSON.parse(text) as AuditRecord;
  } catch {
    throw new SislinkError('STATE_ERROR', `${where}: not an audit record; run \`${verifyHint}\``);
  }
}

async function* readRecords(file: string): AsyncGenerator<AuditRecord> {
  try {
    for await (const raw of readRawLines(file)) {
      if (raw.bytes.length === 0) continue;
      yield parseAuditLine(`${file}:${raw.number}`, raw.bytes.toString('utf8'), `sislink audit verify ${file}`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
}

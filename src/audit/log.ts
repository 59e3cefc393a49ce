/**
 * The append-only audit log. Appends are serialised twice: an in-process queue per file, and a
 * lock file across processes; each line is written with one O_APPEND write and fsynced.
 */
import { mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { SislinkError } from '../errors.js';
import { redact } from '../secrets/redact.js';
import { actorInfo } from './actor.js';
import { gitEnricher } from './enrich.js';
import { withFileLock } from './file-lock.js';
import { readRawLines } from './lines.js';
import { serializeRecord, sha256 } from './serialize.js';
import { readTip, writeHead } from './tail.js';
import type { AuditEvent, AuditRecord } from './types.js';

export interface AuditLog {
  readonly path: string;
  append(event: AuditEvent): Promise<AuditRecord>;
  read(): AsyncIterable<AuditRecord>;
}

export interface AuditLogOptions {
  /** Clock for the `time` field; the wall clock by default. */
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  /** Base for relative `configFile` paths; the working directory by default. */
  cwd?: string;
  /** Add gitCommit/blobHash/gitDirty to events naming a config file in a git repository (default true). */
  git?: boolean;
}

const queues = new Map<string, Promise<unknown>>();

function enqueue<T>(path: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(path) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.catch(() => undefined);
  queues.set(path, settled);
  void settled.then(() => {
    if (queues.get(path) === settled) queues.delete(path);
  });
  return next;
}

/** Scrubs registered secret values from every string, keys included. */
function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [redact(key), redactDeep(entry)]));
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

export function openAuditLog(path: string, options: AuditLogOptions = {}): AuditLog {
  const file = resolve(path);
  const actor = actorInfo(options.env);
  const now = options.now ?? (() => new Date());
  const enrich = options.git === false ? async (event: AuditEvent) => event : gitEnricher(options.cwd ?? process.cwd());

  async function write(given: AuditEvent): Promise<AuditRecord> {
    const event = await enrich(given);
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    return withFileLock(file, async () => {
      const tip = await readTip(file);
      const { actor: actorOverride, ...fields } = redactDeep(event) as AuditEvent;
      const unsigned: Omit<AuditRecord, 'hash'> = {
        ...fields,
        seq: tip.seq + 1,
        time: now().toISOString(),
        actor: actorOverride ?? actor.name,
        host: actor.host,
        prev: tip.hash,
      };
      const { line, hash } = serializeRecord(unsigned);
      await appendLine(file, line);
      await writeHead(file, { seq: unsigned.seq, hash: sha256(line) });
      return { ...unsigned, hash };
    });
  }

  return {
    path: file,
    append: (event) => enqueue(file, () => write(event)),
    read: () => readRecords(file),
  };
}

function parseRecord(file: string, line: number, bytes: Buffer): AuditRecord {
  try {
    return JSON.parse(bytes.toString('utf8')) as AuditRecord;
  } catch {
    throw new SislinkError('STATE_ERROR', `${file}:${line}: not an audit record; run \`sislink audit verify ${file}\``);
  }
}

async function* readRecords(file: string): AsyncGenerator<AuditRecord> {
  try {
    for await (const raw of readRawLines(file)) {
      if (raw.bytes.length === 0) continue;
      yield parseRecord(file, raw.number, raw.bytes);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
}

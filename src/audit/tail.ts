/** The last line of the audit log and its head record, read without scanning the whole file. */
import { open, readFile, rename, writeFile } from 'node:fs/promises';
import { SislinkError } from '../errors.js';
import { EMPTY_HASH, sha256 } from './serialize.js';

export interface ChainTip {
  /** seq of the last line; 0 for an empty log. */
  seq: number;
  /** sha256 of the last line's bytes; sha256('') for an empty log. */
  hash: string;
}

const CHUNK = 64 * 1024;

export function headPath(logPath: string): string {
  return `${logPath}.head`;
}

async function lastLine(path: string): Promise<Buffer | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return undefined;
    let tail = Buffer.alloc(0);
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - CHUNK);
      const chunk = Buffer.alloc(end - start);
      await handle.read(chunk, 0, chunk.length, start);
      tail = Buffer.concat([chunk, tail]);
      end = start;
      if (tail.subarray(0, tail.length - 1).includes(0x0a)) break;
    }
    if (tail[tail.length - 1] !== 0x0a) {
      throw new SislinkError('STATE_ERROR', `audit log ${path} ends with an incomplete line; run \`sislink audit verify ${path}\``);
    }
    const body = tail.subarray(0, tail.length - 1);
    return body.subarray(body.lastIndexOf(0x0a) + 1);
  } finally {
    await handle.close();
  }
}

export async function readTip(path: string): Promise<ChainTip> {
  const line = await lastLine(path);
  if (line === undefined) return { seq: 0, hash: EMPTY_HASH };
  let seq: unknown;
  try {
    seq = (JSON.parse(line.toString('utf8')) as { seq?: unknown }).seq;
  } catch {
    seq = undefined;
  }
  if (typeof seq !== 'number' || !Number.isInteger(seq)) {
    throw new SislinkError('STATE_ERROR', `audit log ${path}: the last line is not an audit record; run \`sislink audit verify ${path}\``);
  }
  return { seq, hash: sha256(line) };
}

/** The head file remembers the newest line, so cutting lines off the end is detectable. */
export async function writeHead(path: string, tip: ChainTip): Promise<void> {
  const target = headPath(path);
  const pending = `${target}.${process.pid}.tmp`;
  await writeFile(pending, `${JSON.stringify({ seq: tip.seq, line: tip.hash })}\n`, { mode: 0o600 });
  await rename(pending, target);
}

export async function readHead(path: string): Promise<ChainTip | undefined> {
  let raw: string;
  try {
    raw = await readFile(headPath(path), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(raw) as { seq?: unknown; line?: unknown };
    if (typeof parsed.seq === 'number' && typeof parsed.line === 'string') return { seq: parsed.seq, hash: parsed.line };
  } catch {
    // fall through
  }
  throw new SislinkError('STATE_ERROR', `audit head ${headPath(path)} is not readable; it should hold {"seq":N,"line":"sha256"}`);
}

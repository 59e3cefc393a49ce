/** Reads one config file as text, refusing what cannot be a district file (too large, binary). */
import { readFile, stat } from 'node:fs/promises';

export const MAX_FILE_BYTES = 1024 * 1024;

export type SourceText = { ok: true; text: string } | { ok: false; code: string; message: string };

export async function readSourceText(file: string): Promise<SourceText> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return { ok: false, code: 'FILE_UNREADABLE', message: 'cannot read the file' };
  }
  if (size > MAX_FILE_BYTES) {
    return { ok: false, code: 'FILE_TOO_LARGE', message: `file is ${size} bytes; the limit is ${MAX_FILE_BYTES} bytes (1 MiB)` };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return { ok: false, code: 'FILE_UNREADABLE', message: 'cannot read the file' };
  }
  if (bytes.includes(0)) return { ok: false, code: 'FILE_BINARY', message: 'file contains NUL bytes; a district file must be UTF-8 text' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text };
  } catch {
    return { ok: false, code: 'FILE_BINARY', message: 'file is not valid UTF-8 text' };
  }
}

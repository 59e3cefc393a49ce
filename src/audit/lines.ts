/** Reads a file as exact byte lines split on "\n" (a "\r" stays part of its line). */
import { createReadStream } from 'node:fs';

export interface RawLine {
  /** 1-based line number. */
  number: number;
  bytes: Buffer;
  /** False for a last line with no newline after it. */
  complete: boolean;
}

export async function* readRawLines(path: string): AsyncGenerator<RawLine> {
  let pending: Buffer = Buffer.alloc(0);
  let number = 0;
  for await (const chunk of createReadStream(path)) {
    let data: Buffer = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
    for (let index = data.indexOf(0x0a); index !== -1; index = data.indexOf(0x0a)) {
      number += 1;
      yield { number, bytes: data.subarray(0, index), complete: true };
      data = data.subarray(index + 1);
    }
    pending = Buffer.from(data);
  }
  if (pending.length > 0) yield { number: number + 1, bytes: pending, complete: false };
}

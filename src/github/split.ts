/**
 * Splits a markdown body into parts that each fit GitHub's comment limit, measured in UTF-8 bytes.
 * Cuts fall on line boundaries; a code fence open at a cut is closed at the end of its part and
 * reopened (same opening line) at the start of the next, so every part renders on its own.
 */

export const GITHUB_BODY_LIMIT = 65_536;

export type PartHeader = (index: number, total: number) => string;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Tracks the open fence (its opening line) across lines. */
function nextFence(open: string | undefined, line: string): string | undefined {
  const match = FENCE.exec(line);
  if (match === null) return open;
  const marker = match[1] as string;
  if (open === undefined) return line;
  const openMarker = (FENCE.exec(open) as RegExpExecArray)[1] as string;
  const closes = marker[0] === openMarker[0] && marker.length >= openMarker.length && line.trim() === marker;
  return closes ? undefined : open;
}

function closingFor(open: string): string {
  return ((FENCE.exec(open) as RegExpExecArray)[1] as string);
}

/** Cuts one over-long line into pieces of at most `limit` bytes, on code point boundaries. */
function cutLine(line: string, limit: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const char of line) {
    if (bytes(current) + bytes(char) > limit) {
      pieces.push(current);
      current = '';
    }
    current += char;
  }
  pieces.push(current);
  return pieces;
}

interface Chunk {
  lines: string[];
  /** Fence open at the start of the chunk (reopened), and at its end (closed). */
  openAtStart: string | undefined;
  openAtEnd: string | undefined;
}

function chunkLines(lines: string[], budget: number): Chunk[] {
  const chunks: Chunk[] = [];
  let fence: string | undefined;
  let current: Chunk = { lines: [], openAtStart: undefined, openAtEnd: undefined };
  let size = 0;
  const overhead = (chunk: Chunk, open: string | undefined) =>
    (chunk.openAtStart === undefined ? 0 : bytes(chunk.openAtStart) + 1) + (open === undefined ? 0 : bytes(closingFor(open)) + 1);
  for (const whole of lines) {
    const reserve = Math.max(...[fence, whole].map((line) => (line === undefined ? 0 : bytes(line) + 1)));
    for (const line of cutLine(whole, Math.max(1, budget - 2 * reserve - 8))) {
      const after = nextFence(fence, line);
      const fits = size + bytes(line) + 1 + overhead(current, after) <= budget;
      if (!fits && current.lines.length > 0) {
        current.openAtEnd = fence;
        chunks.push(current);
        current = { lines: [], openAtStart: fence, openAtEnd: undefined };
        size = 0;
      }
      current.lines.push(line);
      size += bytes(line) + 1;
      fence = after;
    }
  }
  current.openAtEnd = fence;
  chunks.push(current);
  return chunks;
}

function assemble(chunk: Chunk, header: string): string {
  const lines = [...(chunk.openAtStart === undefined ? [] : [chunk.openAtStart]), ...chunk.lines];
  if (chunk.openAtEnd !== undefined) lines.push(closingFor(chunk.openAtEnd));
  return `${header}${lines.join('\n')}`;
}

/**
 * Splits `body` into parts of at most `limit` bytes each, header included. Headers may depend on
 * the number of parts, so the split is repeated until that number is stable.
 */
export function splitBody(body: string, header: PartHeader, limit = GITHUB_BODY_LIMIT): string[] {
  if (bytes(header(1, 1)) + bytes(body) <= limit) return [`${header(1, 1)}${body}`];
  const lines = body.split('\n');
  let total = 2;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const longest = Math.max(...Array.from({ length: total }, (_, index) => bytes(header(index + 1, total))));
    const chunks = chunkLines(lines, limit - longest);
    if (chunks.length === total) return chunks.map((chunk, index) => assemble(chunk, header(index + 1, total)));
    total = chunks.length;
  }
  const chunks = chunkLines(lines, limit - bytes(header(total, total)) - 16);
  return chunks.map((chunk, index) => assemble(chunk, header(index + 1, chunks.length)));
}

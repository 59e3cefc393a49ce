/**
 * Hidden markers that make plan comments sticky: the first line of every part names the repository
 * path it plans and its part number, so the next push finds and updates the same comments.
 */
import { relative, resolve, sep } from 'node:path';

const MARKER = /^<!-- sislink-plan: (\S+?)(?: #(\d+))? -->/;

/** A stable, space-free key for the paths a comment covers, relative to the repository root. */
export function pathKey(paths: readonly string[], cwd: string, repoRoot: string): string {
  if (paths.length === 0) return keyOf(relative(repoRoot, cwd));
  return paths.map((path) => keyOf(relative(repoRoot, resolve(cwd, path)))).sort().join(',');
}

function keyOf(path: string): string {
  const slashed = path.split(sep).join('/').replace(/\/+$/, '');
  return encodeURI(slashed === '' ? '.' : slashed).replace(/,/g, '%2C');
}

export function partMarker(key: string, index: number): string {
  return index <= 1 ? `<!-- sislink-plan: ${key} -->` : `<!-- sislink-plan: ${key} #${index} -->`;
}

/** The header every part starts with: its marker, then (when split) which part it is. */
export function partHeader(key: string): (index: number, total: number) => string {
  return (index, total) => {
    const marker = partMarker(key, index);
    if (total <= 1) return `${marker}\n`;
    const note = index === 1 ? `part 1 of ${total}` : `part ${index} of ${total} (continued)`;
    return `${marker}\n_sislink plan for \`${key}\`, ${note}_\n\n`;
  };
}

export interface ParsedMarker {
  key: string;
  index: number;
}

export function parseMarker(body: string | null | undefined): ParsedMarker | undefined {
  if (body === null || body === undefined) return undefined;
  const match = MARKER.exec(body);
  if (match === null) return undefined;
  return { key: match[1] as string, index: match[2] === undefined ? 1 : Number(match[2]) };
}

/** Maps a path in a YAML document back to the line and column of the node that holds it. */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { PathSegment } from './paths.js';

export interface Position {
  line: number;
  column: number;
}

type Target = 'value' | 'key' | 'parent';

interface Hit {
  node?: Node;
  key?: Node;
}

function deref(doc: Document, node: unknown): Node | undefined {
  if (isAlias(node)) return deref(doc, node.resolve(doc));
  return (isScalar(node) || isCollection(node)) ? node : undefined;
}

function child(doc: Document, node: Node | undefined, segment: PathSegment): Hit | undefined {
  const container = deref(doc, node);
  if (isMap(container)) {
    const pair = container.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
    if (!pair) return undefined;
    return { node: (pair.value ?? undefined) as Node | undefined, key: pair.key as Node };
  }
  if (isSeq(container) && typeof segment === 'number') {
    const item = container.items[segment];
    return item === undefined ? undefined : { node: item as Node };
  }
  return undefined;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function start(node: Node | undefined): number | undefined {
  return node?.range ? node.range[0] : undefined;
}

/**
 * Position of the node at `segments`. `value` (default) points at a scalar value, or at the key of a
 * block collection; `key` at the key of the last segment (unknown keys); `parent` at the map that
 * owns the last segment (missing required properties), i.e. its key when it has one.
 * Walks as far as the document goes and reports the deepest node that has a source range.
 */
export function locate(doc: Document, lineCounter: LineCounter, segments: readonly PathSegment[], target: Target = 'value'): Position {
  const walk = target === 'parent' ? segments.slice(0, -1) : segments;
  let node = (doc.contents ?? undefined) as Node | undefined;
  let best = start(node) ?? 0;
  for (let i = 0; i < walk.length; i++) {
    const next = child(doc, node, walk[i] as PathSegment);
    if (!next) break;
    const keyStart = start(next.key);
    const valueStart = start(next.node);
    const wantKey = target !== 'value' || isBlockCollection(next.node) || valueStart === undefined;
    const chosen = i === walk.length - 1 && wantKey ? keyStart ?? valueStart : valueStart ?? keyStart;
    if (chosen !== undefined) best = chosen;
    node = next.node;
  }
  const pos = lineCounter.linePos(best);
  return { line: pos.line, column: pos.col };
}

function isBlockCollection(node: Node | undefined): boolean {
  return isCollection(node) && !node.flow;
}

/** The dotted-path segments of the deepest node whose source range covers `offset`. */
export function segmentsAt(doc: Document, offset: number): PathSegment[] {
  const segments: PathSegment[] = [];
  let node: unknown = doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((item) => covers(item.key, offset) || covers(item.value, offset));
      const key = pair ? keyText(pair.key) : undefined;
      if (!pair || key === undefined) return segments;
      segments.push(key);
      if (covers(pair.key, offset)) return segments;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => covers(item, offset));
      if (index < 0) return segments;
      segments.push(index);
      node = node.items[index];
    } else {
      return segments;
    }
  }
}

function covers(node: unknown, offset: number): boolean {
  if (!isScalar(node) && !isCollection(node) && !isAlias(node)) return false;
  const range = (node as Node).range;
  return range !== undefined && range !== null && range[0] <= offset && offset <= range[2];
}

/**
 * Partial responses (Google's `fields` system parameter): `nextPageToken,studentSubmissions(id,userId)`,
 * with `a/b` for a nested field. Objects keep only the selected keys; arrays apply the selection
 * to each element.
 */

/** Selected field -> its sub-selection, or `true` for the whole value. */
export type FieldMask = Map<string, FieldMask | true>;

export class FieldMaskError extends Error {}

function addPath(mask: FieldMask, path: string[], sub: FieldMask | true): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    const existing = mask.get(head);
    mask.set(head, existing === true || sub === true ? true : mergeMasks(existing, sub));
    return;
  }
  let child = mask.get(head);
  if (child === true) return;
  if (child === undefined) {
    child = new Map();
    mask.set(head, child);
  }
  addPath(child, rest, sub);
}

function mergeMasks(into: FieldMask | undefined, from: FieldMask): FieldMask {
  const merged: FieldMask = new Map(into ?? []);
  for (const [key, value] of from) addPath(merged, [key], value);
  return merged;
}

export function parseFieldMask(text: string): FieldMask {
  let at = 0;
  const fail = (what: string): never => {
    throw new FieldMaskError(`Invalid field selection ${text}: ${what} at position ${at}`);
  };
  const list = (depth: number): FieldMask => {
    const mask: FieldMask = new Map();
    for (;;) {
      const start = at;
      while (at < text.length && !',()'.includes(text[at] as string)) at++;
      const path = text.slice(start, at).trim().split('/');
      if (path.some((name) => !/^[A-Za-z_][A-Za-z0-9_]*$|^\*$/.test(name))) fail('expected a field name');
      let sub: FieldMask | true = true;
      if (text[at] === '(') {
        at++;
        sub = list(depth + 1);
        if (text[at] !== ')') fail('expected )');
        at++;
      }
      addPath(mask, path, sub);
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (depth > 0) return text[at] === ')' ? mask : fail('expected )');
      return at >= text.length ? mask : fail('unexpected character');
    }
  };
  return list(0);
}

export function applyFieldMask(value: unknown, mask: FieldMask): unknown {
  if (Array.isArray(value)) return value.map((item) => applyFieldMask(item, mask));
  if (typeof value !== 'object' || value === null || mask.has('*')) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of mask) {
    const field = source[key];
    if (field === undefined) continue;
    out[key] = sub === true ? field : applyFieldMask(field, sub);
  }
  return out;
}

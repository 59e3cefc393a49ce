/**
 * A semantic diff of two versions of a district file: both are parsed as YAML and compared leaf by
 * leaf under dotted paths (`spec.consent.sisSupport: true → false`). Lists of named entries are
 * keyed by name, so reordering access records is not a change. Secret references may appear;
 * anything in a secret field that is not a reference is never shown.
 */
import { parseAllDocuments } from 'yaml';
import { isSecretRef, looksLikeSecretValue } from '../secrets/refs.js';

export type Scalar = string | number | boolean | null;

export interface SemanticChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: Scalar;
  after?: Scalar;
}

export interface SemanticDiff {
  changes: SemanticChange[];
  /** Set when a version is not valid YAML; the diff is then empty. */
  error?: string;
}

const SECRET_FIELDS = new Set(['secret', 'serviceAccountKey', 'vendorKey', 'vendorSecret', 'providerToken']);
export const HIDDEN = '(literal value hidden)';

function keyOf(item: unknown, index: number): string {
  if (typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string') {
    return `[${JSON.stringify((item as { name: string }).name)}]`;
  }
  return `[${index}]`;
}

function safeScalar(field: string, value: Scalar): Scalar {
  if (typeof value !== 'string') return value;
  if (SECRET_FIELDS.has(field) && !isSecretRef(value)) return HIDDEN;
  return looksLikeSecretValue(value) ? HIDDEN : value;
}

function flatten(value: unknown, path: string, field: string, out: Map<string, Scalar>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, '[]' as Scalar);
    const named = value.every((item) => typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string');
    value.forEach((item, index) => flatten(item, `${path}${named ? keyOf(item, index) : `[${index}]`}`, field, out));
    return;
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && path !== '') out.set(path, '{}');
    for (const [key, child] of entries) flatten(child, path === '' ? key : `${path}.${key}`, key, out);
    return;
  }
  const scalar = value instanceof Date ? value.toISOString() : (value as Scalar);
  out.set(path, safeScalar(field, scalar === undefined ? null : scalar));
}

/** Leaves of every document, prefixed by the district name when the file holds several. */
export function flattenYaml(text: string | undefined): Map<string, Scalar> {
  const out = new Map<string, Scalar>();
  if (text === undefined) return out;
  const docs = parseAllDocuments(text).filter((doc) => 'contents' in doc && doc.contents !== null);
  const values = docs.map((doc) => {
    if (doc.errors.length > 0) throw new Error(doc.errors[0]?.message ?? 'invalid YAML');
    return doc.toJS() as unknown;
  });
  values.forEach((value, index) => {
    const name = (value as { metadata?: { name?: unknown } } | null)?.metadata?.name;
    const prefix = values.length <= 1 ? '' : `${typeof name === 'string' ? name : `document ${index + 1}`}: `;
    const leaves = new Map<string, Scalar>();
    flatten(value, '', '', leaves);
    for (const [path, leaf] of leaves) out.set(`${prefix}${path}`, leaf);
  });
  return out;
}

export function semanticDiff(before: string | undefined, after: string | undefined): SemanticDiff {
  let old: Map<string, Scalar>;
  let next: Map<string, Scalar>;
  try {
    old = flattenYaml(before);
    next = flattenYaml(after);
  } catch (error) {
    return { changes: [], error: `not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  const changes: SemanticChange[] = [];
  for (const [path, value] of next) {
    if (!old.has(path)) changes.push({ path, kind: 'added', after: value });
    else if (old.get(path) !== value) changes.push({ path, kind: 'changed', before: old.get(path) as Scalar, after: value });
  }
  for (const [path, value] of old) if (!next.has(path)) changes.push({ path, kind: 'removed', before: value });
  return { changes };
}

function show(value: Scalar | undefined): string {
  if (value === HIDDEN) return HIDDEN;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function formatChange(change: SemanticChange): string {
  if (change.kind === 'added') return `${change.path}: + ${show(change.after)}`;
  if (change.kind === 'removed') return `${change.path}: ${show(change.before)} → (removed)`;
  return `${change.path}: ${show(change.before)} → ${show(change.after)}`;
}

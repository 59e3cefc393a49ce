/**
 * Content hash of a mapped lineItem or result, as kept in the export checkpoints. The mapping
 * builds bodies with their keys in sorted order at every depth, so plain JSON.stringify gives the
 * canonical JSON of util/canonical.ts and the hash equals digest(body) without its per-item
 * key sorting (this runs once per exported item, a million times in a large district).
 */
import { hash } from 'node:crypto';

export function contentHash(body: object): string {
  return jsonContentHash(JSON.stringify(body));
}

/** contentHash of a body from its JSON.stringify text. */
export function jsonContentHash(json: string): string {
  return hash('sha256', json, 'hex').slice(0, 16);
}

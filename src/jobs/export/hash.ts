/**
 * Content hash of a mapped lineItem or result, as kept in the export checkpoints, from the body's
 * JSON.stringify text (the text the export also sends). The mapping builds bodies with their keys
 * in sorted order at every depth, so that text is the canonical JSON of util/canonical.ts and the
 * hash equals digest(body) without its per-item key sorting (this runs once per exported item, a
 * million times in a large district).
 */
import { hash } from 'node:crypto';

export function contentHash(json: string): string {
  return hash('sha256', json, 'hex').slice(0, 16);
}

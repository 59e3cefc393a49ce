/** The config format's migrations, oldest first. Each takes one apiVersion to the next. */
import type { Document } from 'yaml';
import { isScalar } from 'yaml';
import type { Migration } from './types.js';
import { v1alpha1ToV1 } from './v1alpha1-to-v1.js';

export type { Migration } from './types.js';

export const CURRENT_API_VERSION = 'sislink/v1';
export const MIGRATIONS: readonly Migration[] = [v1alpha1ToV1];

export function apiVersionOf(doc: Document): unknown {
  const node = doc.get('apiVersion', true);
  return isScalar(node) ? node.value : node;
}

/** True when `apiVersion` is an older version that a migration chain can bring to the current one. */
export function isMigratable(apiVersion: unknown): boolean {
  return MIGRATIONS.some((migration) => migration.from === apiVersion);
}

/** Applies every migration from the document's apiVersion to the current one; returns those applied. */
export function migrateDocument(doc: Document): Migration[] {
  const applied: Migration[] = [];
  for (;;) {
    const from = apiVersionOf(doc);
    const next = MIGRATIONS.find((migration) => migration.from === from);
    if (!next) return applied;
    next.migrate(doc);
    applied.push(next);
  }
}

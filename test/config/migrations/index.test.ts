import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { CURRENT_API_VERSION, MIGRATIONS, migrateDocument } from '../../../src/config/migrations/index.js';
import { migrateText } from '../../../src/config/migrate.js';

describe('migration chain', () => {
  it('is ordered and ends at the current version', () => {
    for (let i = 1; i < MIGRATIONS.length; i++) expect(MIGRATIONS[i]?.from).toBe(MIGRATIONS[i - 1]?.to);
    expect(MIGRATIONS[MIGRATIONS.length - 1]?.to).toBe(CURRENT_API_VERSION);
  });

  it('does nothing to a current document', () => {
    const doc = parseDocument('apiVersion: sislink/v1\nkind: SisLink\n');
    expect(migrateDocument(doc)).toEqual([]);
  });

  it('migrates only the old documents of a multi-document file', () => {
    const text = 'apiVersion: sislink/v1\nkind: SisLink\n---\napiVersion: sislink/v1alpha1\nkind: SisLink\nspec:\n  vendor: aspen\n';
    const outcome = migrateText(text, 'multi.yaml');
    expect(outcome.applied).toEqual(['sislink/v1alpha1 -> sislink/v1']);
    expect(outcome.after).toBe('apiVersion: sislink/v1\nkind: SisLink\n---\napiVersion: sislink/v1\nkind: SisLink\nspec:\n  vendor: aspen\n  link:\n    target: classroom-admin\n');
  });

  it('returns the text unchanged when nothing needs migrating', () => {
    const text = 'apiVersion: sislink/v1\nkind:   SisLink\n';
    expect(migrateText(text, 'x.yaml')).toEqual({ before: text, after: text, applied: [] });
  });
});

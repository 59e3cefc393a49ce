/** Sample records for the store contract. */
import type { ExportItem, LinkRecord, ManualStep, StateStore } from '../../src/state/types.js';

export function sampleLink(district: string, overrides: Partial<LinkRecord> = {}): LinkRecord {
  return {
    district,
    vendor: 'powerschool',
    baseUrl: 'https://sis.example.org/ims/oneroster/v1p1',
    tokenUrl: 'https://sis.example.org/oauth/access_token',
    oneRosterVersion: '1.1',
    auth: 'oauth2-client-credentials',
    key: 'classroom-client',
    secretRef: 'env:SIS_SECRET',
    secretFingerprint: 'hmac:3f2a9c01',
    activeRecord: 'record-a',
    enabled: true,
    consentSisSupport: false,
    rosterImport: true,
    gradeExport: false,
    domain: 'example.org',
    updatedAt: '2025-01-02T03:04:05.000Z',
    appliedPlanHash: null,
    ...overrides,
  };
}

export function sampleStep(district: string, id: string, createdAt = '2025-01-02T00:00:00.000Z'): ManualStep {
  return {
    district,
    id,
    title: 'Link Classroom to the SIS',
    instructions: ['Open the Admin console', 'Enter the values below'],
    values: { 'Client secret': 'env:SIS_SECRET', 'Base URL': 'https://sis.example.org' },
    createdAt,
    planHash: 'plan-1',
    attestedBy: null,
    attestedAt: null,
  };
}

export function item(itemId: string, overrides: Partial<ExportItem> = {}): ExportItem {
  return {
    district: 'd1',
    job: 'grades',
    itemId,
    kind: 'lineItem',
    contentHash: `hash-${itemId}`,
    parentId: null,
    updatedAt: '2025-01-02T00:00:00.000Z',
    ...overrides,
  };
}

export function result(itemId: string, lineItemId: string, overrides: Partial<ExportItem> = {}): ExportItem {
  return item(itemId, { kind: 'result', parentId: lineItemId, ...overrides });
}

/** Every checkpoint of a job, by id, in the order the store streams them. */
export async function storedCheckpoints(store: StateStore, district = 'd1', job = 'grades'): Promise<Map<string, ExportItem>> {
  const found = new Map<string, ExportItem>();
  for await (const entry of store.iterateExportItems(district, job)) found.set(entry.itemId, entry);
  return found;
}

/**
 * Checkpoints as a store before schema version 4 kept them (results one row each), to load into a
 * store rolled back to version 3, and what the store holds once the upgrade has packed them.
 */
export const LEGACY_CHECKPOINTS = {
  /** Undoes migration 4 on a migrated, empty store. */
  rollback: ['DROP TABLE export_result_packs', 'DELETE FROM schema_migrations WHERE version = 4'],
  insert: 'INSERT INTO export_items (district, job, item_id, kind, content_hash, parent_id, updated_at) VALUES ',
  rows: [
    item('li-1', { parentId: 'class-a' }), item('li-2', { parentId: 'class-a' }),
    result('r-1b', 'li-1', { updatedAt: '2025-01-03T00:00:00.000Z' }), result('r-1a', 'li-1'), result('r-2a', 'li-2'),
    result('r-1a', 'li-1', { job: 'other' }),
  ],
  /** The packed result takes the latest time of its lineItem's former rows. */
  expected: [
    item('li-1', { parentId: 'class-a' }), item('li-2', { parentId: 'class-a' }),
    result('r-1a', 'li-1', { updatedAt: '2025-01-03T00:00:00.000Z' }), result('r-1b', 'li-1', { updatedAt: '2025-01-03T00:00:00.000Z' }),
    result('r-2a', 'li-2'),
  ],
};

export function legacyRowValues(entry: ExportItem): unknown[] {
  return [entry.district, entry.job, entry.itemId, entry.kind, entry.contentHash, entry.parentId, entry.updatedAt];
}

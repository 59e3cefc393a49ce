/** Sample records for the store contract. */
import type { ExportItem, LinkRecord, ManualStep } from '../../src/state/types.js';

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

import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { v1alpha1ToV1 } from '../../../src/config/migrations/v1alpha1-to-v1.js';
import { checkSchema } from '../../../src/config/schema-check.js';

const LEGACY = `# yaml-language-server: $schema=../schemas/sislink-v1alpha1.schema.json
apiVersion: sislink/v1alpha1
kind: SisLink
metadata:
  name: legacy
  domain: legacy.example.org
  timezone: UTC
spec:
  vendor: aspen
  # where the SIS lives
  hostUrl: https://sis.legacy.example.org/api
  key: client-1
  secret: env:LEGACY_SECRET # kept in CI
  keyIssued: "2024-08-01"
  keyExpires: "2025-09-30"
  shareDomainWithVendor: false
  linkEnabled: false
  importRosters: true
  exportGrades: true
  workspaceEdition: teaching-and-learning-upgrade
`;

function migrated(text: string): { text: string; data: unknown } {
  const doc = parseDocument(text);
  v1alpha1ToV1.migrate(doc);
  return { text: doc.toString(), data: doc.toJS() };
}

describe('v1alpha1 -> v1', () => {
  it('groups the flat spec into the v1 shape', () => {
    const { data } = migrated(LEGACY);
    expect(data).toEqual({
      apiVersion: 'sislink/v1',
      kind: 'SisLink',
      metadata: { name: 'legacy', domain: 'legacy.example.org', timezone: 'UTC' },
      spec: {
        vendor: 'aspen',
        sis: { baseUrl: 'https://sis.legacy.example.org/api' },
        link: { target: 'classroom-admin', enabled: false },
        consent: { sisSupport: false },
        dataExchange: { rosterImport: true, gradeExport: true },
        licensing: { edition: 'teaching-and-learning-upgrade' },
        credentials: {
          records: [{ name: 'Google Classroom 2024', key: 'client-1', secret: 'env:LEGACY_SECRET', effective: '2024-08-01', expiration: '2025-09-30' }],
        },
      },
    });
    expect(checkSchema(data)).toEqual([]);
  });

  it('keeps comments with the keys they described and updates the schema line', () => {
    const { text } = migrated(LEGACY);
    expect(text).toContain('$schema=../schemas/sislink-v1.schema.json');
    expect(text).toMatch(/ {4}# where the SIS lives\n {4}baseUrl: https:/);
    expect(text).toContain('secret: env:LEGACY_SECRET # kept in CI');
  });

  it('leaves unknown keys in place for the schema to report', () => {
    const { data } = migrated(LEGACY.replace('  key: client-1\n', '  key: client-1\n  colour: blue\n'));
    expect((data as { spec: Record<string, unknown> }).spec.colour).toBe('blue');
  });

  it('omits absent groups and names the record without a date', () => {
    const { data } = migrated('apiVersion: sislink/v1alpha1\nkind: SisLink\nspec:\n  vendor: oneroster\n  key: k\n  secret: env:S\n');
    expect((data as { spec: unknown }).spec).toEqual({
      vendor: 'oneroster',
      link: { target: 'classroom-admin' },
      credentials: { records: [{ name: 'Google Classroom', key: 'k', secret: 'env:S' }] },
    });
  });
});

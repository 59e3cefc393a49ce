/**
 * Keeps schemas/sislink-v1.schema.json and src/config/types.ts in step: a literal typed as
 * DistrictConfig that sets every optional field (excess properties fail to compile) must validate,
 * and must touch every property the schema declares.
 */
import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../src/config/schema-check.js';
import { readSchema } from '../../src/config/schema.js';
import { VENDOR_IDS, type DistrictConfig } from '../../src/config/types.js';

const FULL: DistrictConfig = {
  apiVersion: 'sislink/v1',
  kind: 'SisLink',
  metadata: { name: 'full', domain: 'full.example.org', timezone: 'UTC', displayName: 'Full', labels: { team: 'it' } },
  spec: {
    vendor: 'infinite-campus',
    sis: {
      baseUrl: 'https://x.example.org/campus/api', applicationUrl: 'https://x.example.org', oneRosterVersion: '1.2',
      tokenUrl: 'https://x.example.org/campus/oauth2/token', auth: 'oauth2-basic', deployment: 'saas', productVersion: '1.0',
      infiniteCampus: { appName: 'x', vendorKey: 'env:K', vendorSecret: 'env:S' }, licences: ['campus-learning'],
    },
    link: { target: 'connector', enabled: true },
    consent: { sisSupport: true },
    dataExchange: { rosterImport: true, gradeExport: true },
    licensing: { edition: 'education-plus' },
    classroom: { adminSubject: 'a@full.example.org', serviceAccountKey: 'file:sa.json', apiUrl: 'http://127.0.0.1:1', tokenUrl: 'http://127.0.0.1:2' },
    credentials: {
      records: [{ name: 'r', key: 'k', secret: 'env:R', effective: '2025-01-01', expiration: '2026-01-01' }],
      rotation: {
        rollover: '07-01', overlapDays: 30, validityDays: 395, namePattern: 'G {schoolYear}', key: 'k', provider: 'sandbox-http',
        providerUrl: 'http://127.0.0.1:3', providerToken: 'env:T', secretStore: 'file:secrets', warningDays: 30,
      },
    },
    exports: [{
      name: 'g', type: 'grade-export', schedule: '0 2 * * *', defaultCategory: 'A',
      mapping: { rule: 'alias', aliasPrefix: 'd:', allowFallback: false }, includeDraftGrades: false, concurrency: 2,
    }],
    rosterImport: {
      name: 'r', schedule: '0 3 * * *', mapping: { rule: 'teacher-email-title', aliasPrefix: 'd:', allowFallback: true },
      selector: { schools: ['s'], terms: ['t'], classCodes: ['c'] }, removeUnenrolled: true, archiveEndedTerms: true, adoptFallbackMatches: true, concurrency: 1,
      safety: { maxCourseShare: 0.2, maxDistrictShare: 0.05, minRemovals: 3 },
    },
  },
};

type Schema = Record<string, unknown>;

function resolve(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  return resolve((root.$defs as Record<string, Schema>)[ref.replace('#/$defs/', '')] as Schema, root);
}

/** Dotted paths of every property the schema declares (array items as []). */
function schemaPaths(schema: Schema, root: Schema, prefix: string, out: string[]): string[] {
  const resolved = resolve(schema, root);
  if (resolved.type === 'array') return schemaPaths(resolved.items as Schema, root, `${prefix}[]`, out);
  const properties = resolved.properties as Record<string, Schema> | undefined;
  if (!properties) return out;
  for (const [key, child] of Object.entries(properties)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    out.push(path);
    schemaPaths(child, root, path, out);
  }
  return out;
}

function dataPaths(value: unknown, prefix: string, out: Set<string>, skip: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) dataPaths(item, `${prefix}[]`, out, skip);
  } else if (value !== null && typeof value === 'object' && !skip.has(prefix)) {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      out.add(path);
      dataPaths(child, path, out, skip);
    }
  }
  return out;
}

describe('schema and types', () => {
  it('accepts a DistrictConfig that sets every field', () => {
    expect(checkSchema(structuredClone(FULL))).toEqual([]);
  });

  it('declares exactly the properties the types have', () => {
    const root = readSchema();
    const declared = schemaPaths(root, root, '', []).sort();
    const used = [...dataPaths(FULL, '', new Set(), new Set(['metadata.labels']))].sort();
    expect(used).toEqual(declared);
  });

  it('lists the same vendors', () => {
    const root = readSchema();
    const spec = (root.$defs as Record<string, Schema>).spec as Schema;
    expect((spec.properties as Record<string, Schema>).vendor?.enum).toEqual([...VENDOR_IDS]);
  });

  it('describes every property and forbids unknown keys in every mapping', () => {
    const root = readSchema();
    const walk = (schema: Schema, path: string): void => {
      const resolved = resolve(schema, root);
      if (resolved.type === 'array') return walk(resolved.items as Schema, `${path}[]`);
      const properties = resolved.properties as Record<string, Schema> | undefined;
      if (resolved.type !== 'object' || !properties) return;
      expect(resolved.additionalProperties, path).toBe(false);
      for (const [key, child] of Object.entries(properties)) {
        expect(typeof (child.description ?? resolve(child, root).description), `${path}.${key}`).toBe('string');
        walk(child, `${path}.${key}`);
      }
    };
    walk(root, '');
  });
});

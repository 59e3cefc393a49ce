/** The invalid-config corpus: each file yields exactly one error, at the expected place. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDistricts } from '../../src/config/load.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

type Expected = [code: string, path: string, line: number, column: number];

const INVALID: Record<string, Expected> = {
  'alias-bomb.yaml': ['YAML_ALIAS_LIMIT', '', 1, 1],
  'alias-prefix-invalid.yaml': ['SCHEMA_FORMAT', 'spec.exports[0].mapping.aliasPrefix', 32, 22],
  'api-version-missing.yaml': ['API_VERSION_MISSING', 'apiVersion', 1, 1],
  'api-version-unknown.yaml': ['API_VERSION_UNKNOWN', 'apiVersion', 1, 13],
  'binary.yaml': ['FILE_BINARY', '', 1, 1],
  'classroom-required.yaml': ['CLASSROOM_REQUIRED', 'spec.classroom', 7, 1],
  'comments-only.yaml': ['FILE_EMPTY', '', 1, 1],
  'concurrency-zero.yaml': ['SCHEMA_MINIMUM', 'spec.exports[0].concurrency', 31, 20],
  'coverage-gap.yaml': ['COVERAGE_GAP', 'spec.credentials.records[1].effective', 24, 20],
  'cron-four-fields.yaml': ['CRON_INVALID', 'spec.rosterImport.schedule', 28, 15],
  'cron-invalid.yaml': ['CRON_INVALID', 'spec.exports[0].schedule', 30, 17],
  'date-format.yaml': ['SCHEMA_FORMAT', 'spec.credentials.records[0].effective', 19, 20],
  'date-invalid.yaml': ['DATE_INVALID', 'spec.credentials.records[0].effective', 19, 20],
  'duplicate-job-name.yaml': ['DUPLICATE_JOB_NAME', 'spec.rosterImport.name', 33, 11],
  'duplicate-key.yaml': ['YAML_DUPLICATE_KEY', 'metadata.name', 6, 3],
  'duplicate-name.yaml': ['DUPLICATE_NAME', 'metadata.name', 25, 9],
  'duplicate-record-name.yaml': ['DUPLICATE_RECORD_NAME', 'spec.credentials.records[1].name', 21, 15],
  'empty.yaml': ['FILE_EMPTY', '', 1, 1],
  'host-vendor-mismatch.yaml': ['HOST_VENDOR_MISMATCH', 'spec.sis.baseUrl', 12, 14],
  'invalid-utf8.yaml': ['FILE_BINARY', '', 1, 1],
  'kind-wrong.yaml': ['KIND_UNKNOWN', 'kind', 2, 7],
  'missing-link.yaml': ['SCHEMA_REQUIRED', 'spec.link', 7, 1],
  'missing-record-secret.yaml': ['SCHEMA_REQUIRED', 'spec.credentials.records[0].secret', 16, 9],
  'name-not-dns.yaml': ['SCHEMA_FORMAT', 'metadata.name', 4, 9],
  'name-pattern-invalid.yaml': ['NAME_PATTERN_INVALID', 'spec.credentials.rotation.namePattern', 23, 20],
  'not-mapping.yaml': ['DOCUMENT_NOT_MAPPING', '', 1, 1],
  'overlap-negative.yaml': ['SCHEMA_MINIMUM', 'spec.credentials.rotation.overlapDays', 23, 20],
  'provider-setting-missing.yaml': ['PROVIDER_SETTING_REQUIRED', 'spec.credentials.rotation.providerUrl', 21, 5],
  'record-dates-order.yaml': ['RECORD_DATES_ORDER', 'spec.credentials.records[0].expiration', 20, 21],
  'record-overlap-short.yaml': ['RECORD_OVERLAP_SHORT', 'spec.credentials.records[1].effective', 24, 20],
  'rollover-invalid.yaml': ['ROLLOVER_INVALID', 'spec.credentials.rotation.rollover', 22, 17],
  'rotation-policy-invalid.yaml': ['ROTATION_POLICY_INVALID', 'spec.credentials.rotation.overlapDays', 23, 20],
  'scalar-document.yaml': ['DOCUMENT_NOT_MAPPING', '', 1, 1],
  'secret-inline-service-account.yaml': ['SECRET_INLINE', 'spec.classroom.serviceAccountKey', 16, 24],
  'secret-inline.yaml': ['SECRET_INLINE', 'spec.credentials.records[0].secret', 18, 17],
  'secret-ref-invalid.yaml': ['SECRET_REF_INVALID', 'spec.credentials.records[0].secret', 18, 17],
  'timezone-invalid.yaml': ['TIMEZONE_INVALID', 'metadata.timezone', 6, 13],
  'unknown-key-record.yaml': ['SCHEMA_UNKNOWN_KEY', 'spec.credentials.records[0].secretValue', 20, 9],
  'unknown-key-root.yaml': ['SCHEMA_UNKNOWN_KEY', 'status', 21, 1],
  'unknown-key-spec.yaml': ['SCHEMA_UNKNOWN_KEY', 'spec.hostUrl', 12, 3],
  'url-credentials.yaml': ['URL_CREDENTIALS', 'spec.sis.tokenUrl', 11, 15],
  'url-not-absolute.yaml': ['SCHEMA_FORMAT', 'spec.sis.baseUrl', 10, 14],
  'url-not-https.yaml': ['URL_NOT_HTTPS', 'spec.sis.baseUrl', 10, 14],
  'vendor-extras-mismatch.yaml': ['VENDOR_EXTRAS_MISMATCH', 'spec.sis.infiniteCampus', 12, 5],
  'vendor-unknown.yaml': ['SCHEMA_ENUM', 'spec.vendor', 8, 11],
  'wrong-type-boolean.yaml': ['SCHEMA_TYPE', 'spec.link.enabled', 14, 14],
  'wrong-type-flow-link.yaml': ['SCHEMA_TYPE', 'spec.link', 12, 9],
  'wrong-type-records.yaml': ['SCHEMA_TYPE', 'spec.credentials.records', 15, 14],
  'wrong-type-version-number.yaml': ['SCHEMA_TYPE', 'spec.sis.oneRosterVersion', 11, 23],
  'yaml-syntax.yaml': ['YAML_SYNTAX', '', 3, 12],
};

describe('invalid config corpus', () => {
  it('has an expectation for every fixture file and at least 35 of them', () => {
    const files = readdirSync(`${FIXTURES}invalid`).sort();
    expect(files).toEqual(Object.keys(INVALID).sort());
    expect(files.length).toBeGreaterThanOrEqual(35);
  });

  it.each(Object.entries(INVALID))('%s', async (file, [code, path, line, column]) => {
    const result = await loadDistricts([`invalid/${file}`], { cwd: FIXTURES });
    const errors = result.findings.filter((finding) => finding.severity === 'error');
    expect(errors.map(({ code, path, line, column }) => ({ code, path, line, column }))).toEqual([{ code, path, line, column }]);
    expect(errors[0]?.file).toBe(`invalid/${file}`);
    expect(result.districts.filter((district) => district.source.file.endsWith(file)).length).toBeLessThanOrEqual(1);
  });
});

describe('valid fixtures', () => {
  it('load without findings, with every district', async () => {
    const result = await loadDistricts(['valid'], { cwd: FIXTURES });
    expect(result.findings).toEqual([]);
    expect(result.districts.map((district) => district.config.metadata.name).sort())
      .toEqual(['anchors-district', 'fixture-district', 'loopback-district', 'multi-one', 'multi-two']);
  });
});

import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDistricts, loadDistrictsOrThrow } from '../../src/config/load.js';
import { isSislinkError } from '../../src/errors.js';

const MINIMAL = fileURLToPath(new URL('../fixtures/valid/minimal.yaml', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

const readText = (file: string) => readFileSync(file, 'utf8');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sislink-load-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadDistricts', () => {
  it('fills every schema default so the config is complete', async () => {
    const { districts, findings } = await loadDistricts([MINIMAL]);
    expect(findings).toEqual([]);
    const spec = districts[0]?.config.spec;
    expect(spec?.link).toEqual({ target: 'connector', enabled: true });
    expect(spec?.consent).toEqual({ sisSupport: false });
    expect(spec?.dataExchange).toEqual({ rosterImport: false, gradeExport: false });
    expect(spec?.licensing).toEqual({ edition: 'none' });
    expect(spec?.exports).toEqual([]);
    expect(spec?.sis.oneRosterVersion).toBeUndefined();
    expect(districts[0]?.source).toEqual({ file: MINIMAL, documentIndex: 0 });
  });

  it('fills job and rotation defaults', async () => {
    const file = path.join(dir, 'd.yaml');
    writeFileSync(file, `${readText(MINIMAL)}    rotation:\n      rollover: "07-01"\n  exports:\n    - name: grades\n      defaultCategory: Assignments\n  rosterImport:\n    name: roster\n`);
    const { districts, findings } = await loadDistricts([file]);
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    const spec = districts[0]?.config.spec;
    expect(spec?.credentials.rotation).toEqual({
      rollover: '07-01', overlapDays: 30, validityDays: 395, namePattern: 'Google Classroom {schoolYear}', provider: 'manual', warningDays: 30,
    });
    expect(spec?.exports[0]).toEqual({
      name: 'grades', type: 'grade-export', defaultCategory: 'Assignments', includeDraftGrades: false,
      mapping: { rule: 'alias', aliasPrefix: 'd:', allowFallback: false },
    });
    expect(spec?.rosterImport).toEqual({
      name: 'roster', removeUnenrolled: false, archiveEndedTerms: false, adoptFallbackMatches: false, mapping: { rule: 'alias', aliasPrefix: 'd:', allowFallback: false },
      safety: { maxCourseShare: 0.2, maxDistrictShare: 0.05, minRemovals: 3 },
    });
  });

  it('searches directories recursively for .yaml and .yml, skipping hidden folders', async () => {
    const text = (name: string) => readText(MINIMAL).replace('fixture-district', name);
    mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    mkdirSync(path.join(dir, '.hidden'));
    writeFileSync(path.join(dir, 'a', 'one.yaml'), text('one'));
    writeFileSync(path.join(dir, 'a', 'b', 'two.yml'), text('two'));
    writeFileSync(path.join(dir, 'a', 'notes.txt'), 'not yaml');
    writeFileSync(path.join(dir, '.hidden', 'three.yaml'), text('three'));
    const result = await loadDistricts([], { cwd: dir });
    expect(result.files).toEqual(['a/b/two.yml', 'a/one.yaml']);
    expect(result.districts.map((district) => district.config.metadata.name).sort()).toEqual(['one', 'two']);
  });

  it('refuses a file over 1 MiB with one finding', async () => {
    const file = path.join(dir, 'big.yaml');
    writeFileSync(file, `# ${'x'.repeat(1024 * 1024)}\n`);
    const result = await loadDistricts(['big.yaml'], { cwd: dir });
    expect(result.findings).toMatchObject([{ code: 'FILE_TOO_LARGE', file: 'big.yaml', line: 1, column: 1, severity: 'error' }]);
  });

  it('reports the document index of each district in a multi-document file', async () => {
    const result = await loadDistricts(['valid/multi-document.yaml'], { cwd: FIXTURES });
    expect(result.districts.map((district) => district.source.documentIndex)).toEqual([0, 1]);
  });

  it('detects duplicate names across files', async () => {
    writeFileSync(path.join(dir, 'a.yaml'), readText(MINIMAL));
    writeFileSync(path.join(dir, 'b.yaml'), readText(MINIMAL));
    const result = await loadDistricts([], { cwd: dir });
    expect(result.findings).toMatchObject([{ file: 'b.yaml', code: 'DUPLICATE_NAME', line: 4, column: 9, message: expect.stringContaining('a.yaml:4:9') }]);
    expect(result.districts).toHaveLength(1);
  });

  it('sorts findings by file, schema findings before rule findings', async () => {
    const result = await loadDistricts(['invalid/url-not-https.yaml', 'invalid/kind-wrong.yaml'], { cwd: FIXTURES });
    expect(result.findings.map((finding) => finding.file)).toEqual(['invalid/kind-wrong.yaml', 'invalid/url-not-https.yaml']);
  });

  it('points a missing key inside a flow mapping at the mapping', async () => {
    writeFileSync(path.join(dir, 'flow.yaml'), readText(MINIMAL).replace('  link:\n    target: connector\n', '  link: { enabled: true }\n'));
    const result = await loadDistricts(['flow.yaml'], { cwd: dir });
    expect(result.findings).toMatchObject([{ code: 'SCHEMA_REQUIRED', path: 'spec.link.target', line: 12, column: 3 }]);
  });
});

describe('loadDistrictsOrThrow', () => {
  it('throws CONFIG_INVALID listing the findings', async () => {
    const error = await loadDistrictsOrThrow(['invalid/url-not-https.yaml'], { cwd: FIXTURES }).catch((caught: unknown) => caught);
    expect(isSislinkError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toContain('invalid/url-not-https.yaml:10:14: error URL_NOT_HTTPS spec.sis.baseUrl');
  });

  it('throws CONFIG_NOT_FOUND for a missing path', async () => {
    const error = await loadDistrictsOrThrow(['nope.yaml'], { cwd: dir }).catch((caught: unknown) => caught);
    expect(isSislinkError(error, 'CONFIG_NOT_FOUND')).toBe(true);
  });

  it('returns valid districts', async () => {
    const result = await loadDistrictsOrThrow([MINIMAL]);
    expect(result.districts).toHaveLength(1);
  });
});

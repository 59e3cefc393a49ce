/** Every example validates with zero errors; the legacy one only warns about its version. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDistricts } from '../../src/config/load.js';
import { VENDOR_IDS } from '../../src/config/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('examples/', () => {
  it('validates with zero errors and covers every vendor', async () => {
    const result = await loadDistricts(['examples'], { cwd: ROOT });
    expect(result.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(new Set(result.districts.map((district) => district.config.spec.vendor))).toEqual(new Set(VENDOR_IDS));
    expect(result.files.length).toBeGreaterThanOrEqual(8);
  });

  it('only warns about the legacy file, naming the migrate command', async () => {
    const result = await loadDistricts(['examples/legacy'], { cwd: ROOT });
    const deprecated = result.findings.filter((finding) => finding.code === 'CONFIG_DEPRECATED_VERSION');
    expect(deprecated).toHaveLength(1);
    expect(deprecated[0]?.severity).toBe('warning');
    expect(deprecated[0]?.message).toContain('sislink migrate examples/legacy/north-fork-v1alpha1.yaml');
    expect(result.districts).toHaveLength(1);
  });

  it('has one example with three years of overlapping access records', async () => {
    const result = await loadDistricts(['examples/skyward-qmlativ-rotation.yaml'], { cwd: ROOT });
    const records = result.districts[0]?.config.spec.credentials.records ?? [];
    expect(records).toHaveLength(3);
    for (let i = 1; i < records.length; i++) {
      expect((records[i]?.effective ?? '') < (records[i - 1]?.expiration ?? '')).toBe(true);
    }
  });

  it('starts every file with the schema line and holds secrets only as references', async () => {
    const result = await loadDistricts(['examples'], { cwd: ROOT });
    for (const file of result.files) {
      const text = readFileSync(`${ROOT}${file}`, 'utf8');
      expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+schemas\/sislink-v1(alpha1)?\.schema\.json$/);
      for (const match of text.matchAll(/(?:secret|Secret|Key|Token): (\S+)/g)) expect(match[1]).toMatch(/^(env|file):/);
    }
  });
});

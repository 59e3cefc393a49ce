/** The built CLI, as a user runs it (run `npm run build` first). */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const PASTED = 'sk_live_9fQ2xL7pR4tZ8wK1mN6bV3cYqH5d';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sislink-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('sislink validate', () => {
  it('exits 0 on examples/ with a summary on stderr', async () => {
    const result = await runCli(['validate', 'examples/'], { cwd: ROOT });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^examples\/legacy\/north-fork-v1alpha1\.yaml:4:13: warning CONFIG_DEPRECATED_VERSION apiVersion: /m);
    expect(result.stdout).not.toMatch(/: error /);
    expect(result.stderr).toMatch(/8 files, 8 valid districts: 0 errors, \d+ warnings?/);
  });

  it('exits 1 on a pasted secret and never prints it', async () => {
    const result = await runCli(['validate', 'invalid/secret-inline.yaml'], { cwd: FIXTURES });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('invalid/secret-inline.yaml:18:17: error SECRET_INLINE spec.credentials.records[0].secret: looks like a pasted secret');
    expect(result.stdout + result.stderr).not.toContain(PASTED);
    const json = await runCli(['validate', '--format', 'json', 'invalid/secret-inline.yaml'], { cwd: FIXTURES });
    expect(json.code).toBe(1);
    expect(json.stdout + json.stderr).not.toContain(PASTED);
  });

  it('gives JSON with files, districts and findings', async () => {
    const result = await runCli(['validate', '--format', 'json', 'valid/multi-document.yaml', 'invalid/url-not-https.yaml'], { cwd: FIXTURES });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { files: string[]; districts: Array<{ name: string }>; findings: Array<Record<string, unknown>> };
    expect(report.files).toContain('invalid/url-not-https.yaml');
    expect(report.districts.map((district) => district.name)).toContain('multi-two');
    expect(report.findings).toEqual([{
      file: 'invalid/url-not-https.yaml', line: 10, column: 14, severity: 'error', code: 'URL_NOT_HTTPS', path: 'spec.sis.baseUrl',
      message: 'must use https; plain http is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost)',
    }]);
  });

  it('gives one finding, not a stack trace, for a malformed file', async () => {
    const result = await runCli(['validate', 'invalid/yaml-syntax.yaml', 'invalid/alias-bomb.yaml'], { cwd: FIXTURES });
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('--check-secrets reports whether each reference resolves, without values', async () => {
    copyFileSync(path.join(FIXTURES, 'valid', 'minimal.yaml'), path.join(dir, 'd.yaml'));
    const missing = await runCli(['validate', '--check-secrets', 'd.yaml'], { cwd: dir, env: { FIXTURE_SECRET: undefined } });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^d\.yaml:18:17: error SECRET_UNRESOLVED spec\.credentials\.records\[0\]\.secret: /m);
    const value = 'resolved-value-7Qm2xZ9pL4';
    const present = await runCli(['validate', '--check-secrets', '--format', 'json', 'd.yaml'], { cwd: dir, env: { FIXTURE_SECRET: value } });
    expect(present.code).toBe(0);
    expect(JSON.parse(present.stdout).secrets).toEqual([{ file: 'd.yaml', district: 'fixture-district', path: 'spec.credentials.records[0].secret', resolved: true }]);
    expect(present.stdout + present.stderr).not.toContain(value);
  });

  it('prints help without loading the config layer', async () => {
    const result = await runCli(['validate', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--check-secrets');
  });
});

describe('sislink migrate', () => {
  it('prints a unified diff and, with --write, leaves a file that validates', async () => {
    const file = path.join(dir, 'legacy.yaml');
    copyFileSync(path.join(ROOT, 'examples', 'legacy', 'north-fork-v1alpha1.yaml'), file);
    const before = readFileSync(file, 'utf8');
    const diff = await runCli(['migrate', 'legacy.yaml'], { cwd: dir });
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('--- a/legacy.yaml');
    expect(diff.stdout).toContain('-apiVersion: sislink/v1alpha1');
    expect(diff.stdout).toContain('+apiVersion: sislink/v1');
    expect(readFileSync(file, 'utf8')).toBe(before);

    const written = await runCli(['migrate', 'legacy.yaml', '--write'], { cwd: dir });
    expect(written.code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after).toContain('# OneRoster host URL, as typed into the admin console.');
    const validate = await runCli(['validate', 'legacy.yaml'], { cwd: dir });
    expect(validate.code).toBe(0);
    expect(validate.stdout).not.toContain('CONFIG_DEPRECATED_VERSION');

    const again = await runCli(['migrate', 'legacy.yaml'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
  });

  it('refuses a file that is not valid YAML with one line', async () => {
    writeFileSync(path.join(dir, 'bad.yaml'), 'apiVersion: [\n');
    const result = await runCli(['migrate', 'bad.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^sislink: error: bad\.yaml:\d+:\d+: cannot migrate/);
  });
});

describe('directory search', () => {
  it('skips YAML files of other tools but keeps files that mention sislink', async () => {
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'sislink-foreign-'));
    try {
      await mkdir(join(dir, 'workflows'));
      await writeFile(join(dir, 'workflows', 'ci.yml'), 'on: push\njobs: {}\n');
      await writeFile(join(dir, 'broken.yaml'), 'apiVersion: sislink/v1\nkind: [\n');
      const result = await runCli(['validate', '.', '--format', 'json'], { cwd: dir });
      const report = JSON.parse(result.stdout) as { findings: { file: string }[] };
      expect(report.findings.map((finding) => finding.file)).toEqual(['broken.yaml']);
      expect(result.code).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRepoRoot, parseSecretRef, registerSecretBackend, resolveSecretRef } from '../../src/secrets/refs.js';
import { clearRegisteredSecrets, redact } from '../../src/secrets/redact.js';
import { isSislinkError } from '../../src/errors.js';
import { makeTempRepo, type TempRepo } from './tmp.js';

describe('parseSecretRef', () => {
  it.each([
    ['env:SIS_SECRET', { scheme: 'env', target: 'SIS_SECRET' }],
    ['env:_x1', { scheme: 'env', target: '_x1' }],
    ['file:secrets/sis.txt', { scheme: 'file', target: 'secrets/sis.txt' }],
    ['file:../shared/key.json', { scheme: 'file', target: '../shared/key.json' }],
  ])('parses %s', (text, expected) => {
    expect(parseSecretRef(text)).toEqual(expected);
  });

  it.each([
    ['', 'non-empty'],
    ['env:', 'variable name'],
    ['env:1ABC', 'variable name'],
    ['env:MY-VAR', 'variable name'],
    ['file:', 'relative path'],
    ['file:/etc/passwd', 'relative'],
    ['vault:secret/x', 'expected one of env:..., file:...'],
    ['ENV:NAME', 'expected one of'],
    ['s3cr3tValueWithoutScheme', 'expected one of'],
    ['https://sis.example.org', 'expected one of'],
  ])('rejects %j', (text, message) => {
    const result = parseSecretRef(text);
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toContain(message);
  });

  it('never repeats the input in the error', () => {
    const pasted = 'zK8q:Vb3nT9xLw2Pq7RmY4sHc';
    expect((parseSecretRef(pasted) as { error: string }).error).not.toContain('Vb3nT9');
  });
});

describe('resolveSecretRef', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = makeTempRepo();
  });
  afterEach(() => {
    repo.cleanup();
    clearRegisteredSecrets();
    delete process.env.SISLINK_TEST_SECRET;
  });

  const context = () => ({ configFile: repo.configFile, repoRoot: repo.root });

  it('resolves env: and registers the value for redaction', async () => {
    process.env.SISLINK_TEST_SECRET = 'env-value-8472';
    expect(await resolveSecretRef('env:SISLINK_TEST_SECRET', context())).toBe('env-value-8472');
    expect(redact('token env-value-8472')).toBe('token [REDACTED]');
  });

  it('names the reference when an env variable is missing', async () => {
    await expect(resolveSecretRef('env:SISLINK_TEST_SECRET', context())).rejects.toMatchObject({
      code: 'SECRET_UNRESOLVED',
      message: expect.stringContaining('env:SISLINK_TEST_SECRET'),
    });
  });

  it('resolves file: relative to the config file and trims one trailing newline', async () => {
    repo.write('districts/secrets/sis.txt', 'file-value-123\n');
    expect(await resolveSecretRef('file:secrets/sis.txt', context())).toBe('file-value-123');
    repo.write('shared/key.txt', 'shared-value-456\r\n');
    expect(await resolveSecretRef('file:../shared/key.txt', context())).toBe('shared-value-456');
    expect(redact('x shared-value-456')).toBe('x [REDACTED]');
  });

  it('reports a missing file as unresolved', async () => {
    await expect(resolveSecretRef('file:secrets/none.txt', context())).rejects.toMatchObject({ code: 'SECRET_UNRESOLVED' });
  });

  it('refuses a path that escapes the repository root', async () => {
    await expect(resolveSecretRef('file:../../outside.txt', context())).rejects.toMatchObject({
      code: 'SECRET_REFERENCE_INVALID',
      message: expect.stringContaining('outside the repository root'),
    });
  });

  it('refuses a symlink that points outside the repository root', async () => {
    const outside = makeTempRepo();
    try {
      outside.write('leak.txt', 'outside-value');
      mkdirSync(path.join(repo.root, 'districts', 'secrets'), { recursive: true });
      symlinkSync(path.join(outside.root, 'leak.txt'), path.join(repo.root, 'districts', 'secrets', 'link.txt'));
      await expect(resolveSecretRef('file:secrets/link.txt', context())).rejects.toMatchObject({
        code: 'SECRET_REFERENCE_INVALID',
        message: expect.stringContaining('symlink'),
      });
    } finally {
      outside.cleanup();
    }
  });

  it('confines to the secrets directory when one is configured', async () => {
    repo.write('districts/in-repo.txt', 'in-repo-value');
    repo.write('vault/ok.txt', 'vault-value');
    const ctx = { ...context(), secretsDir: 'vault' };
    await expect(resolveSecretRef('file:in-repo.txt', ctx)).rejects.toMatchObject({
      code: 'SECRET_REFERENCE_INVALID',
      message: expect.stringContaining('secrets directory'),
    });
    expect(await resolveSecretRef('file:../vault/ok.txt', ctx)).toBe('vault-value');
  });

  it('rejects an invalid reference without echoing it', async () => {
    const error: unknown = await resolveSecretRef('pasted-Zx81kQ9vLm3', context()).catch((e: unknown) => e);
    expect(isSislinkError(error, 'SECRET_REFERENCE_INVALID')).toBe(true);
    expect((error as Error).message).not.toContain('Zx81kQ9vLm3');
  });

  it('uses backends added to the registry', async () => {
    registerSecretBackend('memory', {
      validate: (target) => (target === '' ? 'memory: needs a key' : undefined),
      resolve: async (target) => (target === 'known' ? { found: true, value: 'memory-value-1' } : { found: false, reason: 'no such key' }),
    });
    expect(parseSecretRef('memory:known')).toEqual({ scheme: 'memory', target: 'known' });
    expect(await resolveSecretRef('memory:known', context())).toBe('memory-value-1');
    await expect(resolveSecretRef('memory:other', context())).rejects.toMatchObject({ message: expect.stringContaining('no such key') });
    registerSecretBackend('broken', {
      validate: () => undefined,
      resolve: async () => {
        throw Object.assign(new Error('backend leaked broken-value-xyz'), { code: 'EACCES' });
      },
    });
    const broken: unknown = await resolveSecretRef('broken:x', context()).catch((e: unknown) => e);
    expect(broken).toMatchObject({ code: 'SECRET_UNRESOLVED', message: expect.stringContaining('EACCES') });
    expect((broken as Error).message).not.toContain('broken-value-xyz');
    expect(() => registerSecretBackend('Bad Scheme', { validate: () => undefined, resolve: async () => ({ found: false, reason: '' }) })).toThrow();
  });
});

describe('findRepoRoot', () => {
  it('finds the nearest directory with .git, else returns the start', () => {
    const repo = makeTempRepo();
    try {
      mkdirSync(path.join(repo.root, 'a', 'b'), { recursive: true });
      expect(findRepoRoot(path.join(repo.root, 'a', 'b'))).toBe(repo.root);
      expect(findRepoRoot(repo.root)).toBe(repo.root);
    } finally {
      repo.cleanup();
    }
    const bare = mkdtempSync(path.join(tmpdir(), 'sislink-norepo-'));
    try {
      expect(findRepoRoot(bare)).toBe(bare);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

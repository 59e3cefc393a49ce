import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSecretStore } from '../../src/secrets/stores/index.js';
import { resolveSecretRef } from '../../src/secrets/refs.js';
import { clearRegisteredSecrets, redact } from '../../src/secrets/redact.js';
import { makeTempRepo, type TempRepo } from './tmp.js';

describe('file: secret store', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = makeTempRepo();
  });
  afterEach(() => {
    repo.cleanup();
    clearRegisteredSecrets();
  });
  const context = () => ({ configFile: repo.configFile, repoRoot: repo.root });

  it('creates the directory 0700 and the file 0600, and returns a reference that resolves', async () => {
    const store = openSecretStore('file:.secrets/generated', context());
    const ref = await store.put('google-classroom-2026', 'generated-secret-2026');
    expect(ref).toBe('file:.secrets/generated/google-classroom-2026');
    const dir = path.join(repo.root, 'districts', '.secrets', 'generated');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, 'google-classroom-2026')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, 'google-classroom-2026'), 'utf8')).toBe('generated-secret-2026');
    expect(await resolveSecretRef(ref, context())).toBe('generated-secret-2026');
    expect(await store.get('google-classroom-2026')).toBe('generated-secret-2026');
    expect(await store.get('never-stored')).toBeUndefined();
  });

  it('keeps a store inside the repository out of git', async () => {
    await openSecretStore('file:.secrets', context()).put('a', 'value-aaaa');
    expect(readFileSync(path.join(repo.root, 'districts', '.secrets', '.gitignore'), 'utf8')).toBe('*\n');
  });

  it('is a no-op for the same value and refuses a different one', async () => {
    const store = openSecretStore('file:.secrets', context());
    const first = await store.put('record-2026', 'first-value-1111');
    expect(await store.put('record-2026', 'first-value-1111')).toBe(first);
    const error: unknown = await store.put('record-2026', 'second-value-2222').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'APPLY_REFUSED', details: { reason: 'SECRET_STORE_CONFLICT' } });
    expect((error as Error).message).not.toContain('second-value-2222');
    expect((error as Error).message).not.toContain('first-value-1111');
    expect(await store.get('record-2026')).toBe('first-value-1111');
  });

  it('leaves no temporary files behind, and concurrent writers of different values cannot both win', async () => {
    const store = openSecretStore('file:.secrets', context());
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.put('contended', `contender-value-${i}`)),
    );
    const winners = results.filter((r) => r.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    const stored = await store.get('contended');
    expect(stored).toMatch(/^contender-value-\d$/);
    const files = readdirSync(path.join(repo.root, 'districts', '.secrets'));
    expect(files.sort()).toEqual(['.gitignore', 'contended']);
  });

  it('ignores and removes a temp file left by a writer that was killed mid-write', async () => {
    const dir = path.join(repo.root, 'districts', '.secrets');
    // pid 2147483646 is never a live process: this is what a SIGKILLed writer leaves behind.
    repo.write('districts/.secrets/.crashed.2147483646.abcdef.tmp', 'half-writ');
    const store = openSecretStore('file:.secrets', context());
    expect(await store.get('crashed')).toBeUndefined();
    expect(await store.put('crashed', 'complete-value-123')).toBe('file:.secrets/crashed');
    expect(await store.get('crashed')).toBe('complete-value-123');
    expect(readdirSync(dir).sort()).toEqual(['.gitignore', 'crashed']);
  });

  it('sanitises names so they cannot leave the directory or collide', async () => {
    const store = openSecretStore('file:.secrets', context());
    const ref = await store.put('../../Google Classroom 2026', 'value-sanitised');
    expect(ref).toMatch(/^file:\.secrets\/Google-Classroom-2026-[0-9a-f]{8}$/);
    const other = await store.put('Google/Classroom/2026', 'value-other');
    expect(other).not.toBe(ref);
    expect(await resolveSecretRef(ref, context())).toBe('value-sanitised');
  });

  it('refuses a directory outside the repository (or the secrets directory)', async () => {
    await expect(openSecretStore('file:../../elsewhere', context()).put('a', 'value-aaaa')).rejects.toMatchObject({
      code: 'SECRET_REFERENCE_INVALID',
    });
    const vaulted = { ...context(), secretsDir: 'vault' };
    await expect(openSecretStore('file:.secrets', vaulted).put('a', 'value-aaaa')).rejects.toMatchObject({
      code: 'SECRET_REFERENCE_INVALID',
    });
    const ref = await openSecretStore('file:../vault/generated', vaulted).put('a', 'value-vault');
    expect(ref).toBe('file:../vault/generated/a');
    expect(await resolveSecretRef(ref, vaulted)).toBe('value-vault');
  });

  it('registers stored and read values for redaction', async () => {
    await openSecretStore('file:.secrets', context()).put('r', 'registered-value-77');
    expect(redact('registered-value-77')).toBe('[REDACTED]');
  });

  it('refuses empty values and values ending in a newline', async () => {
    const store = openSecretStore('file:.secrets', context());
    await expect(store.put('e', '')).rejects.toMatchObject({ details: { reason: 'SECRET_STORE_FAILED' } });
    await expect(store.put('n', 'value\n')).rejects.toMatchObject({ details: { reason: 'SECRET_STORE_FAILED' } });
  });

  it('rejects unknown store kinds', () => {
    expect(() => openSecretStore('vault:kv/x', context())).toThrow(/file:DIR or exec:COMMAND/);
    expect(() => openSecretStore('file:', context())).toThrow(/file:DIR/);
  });
});

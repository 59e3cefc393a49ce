import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSecretStore } from '../../src/secrets/stores/index.js';
import { splitCommand } from '../../src/secrets/stores/argv.js';
import { resolveSecretRef } from '../../src/secrets/refs.js';
import { clearRegisteredSecrets } from '../../src/secrets/redact.js';
import { makeTempRepo, type TempRepo } from './tmp.js';

/**
 * A tiny secret manager: stores stdin under vault/<name>, records its argv and environment so the
 * test can prove the secret never travelled there, and behaves as told by MODE in its argv.
 */
const MANAGER = `
import { existsSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
const [mode = 'ok'] = process.argv.slice(2);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const vault = path.join(root, 'districts', 'vault');
mkdirSync(vault, { recursive: true });
const op = process.env.SISLINK_SECRET_OP;
const name = process.env.SISLINK_SECRET_NAME;
appendFileSync(path.join(root, 'calls.jsonl'), JSON.stringify({ argv: process.argv, env: process.env, op, name }) + '\\n');
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = Buffer.concat(chunks).toString('utf8');
const file = path.join(vault, name);
if (op === 'get') {
  if (existsSync(file)) process.stdout.write(readFileSync(file, 'utf8') + '\\n');
  process.exit(0);
}
if (mode === 'fail') {
  process.stderr.write('vault said no to ' + input + ' (' + Buffer.from(input).toString('base64') + ')\\n');
  process.exit(3);
}
if (mode === 'echo') {
  process.stdout.write(input + '\\n');
  process.exit(0);
}
if (mode === 'garbage') {
  process.stdout.write('stored it!\\n');
  process.exit(0);
}
if (existsSync(file) && readFileSync(file, 'utf8') !== input) {
  process.stderr.write('a different value is already stored\\n');
  process.exit(4);
}
writeFileSync(file, input, { mode: 0o600 });
process.stdout.write('file:vault/' + name + '\\nextra output ignored\\n');
`;

describe('exec: secret store', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = makeTempRepo();
    repo.write('tools/manager.mjs', MANAGER);
  });
  afterEach(() => {
    repo.cleanup();
    clearRegisteredSecrets();
  });
  const context = () => ({ configFile: repo.configFile, repoRoot: repo.root });
  const spec = (mode: string) => `exec:"${process.execPath}" ../tools/manager.mjs ${mode}`;
  const calls = () => readFileSync(path.join(repo.root, 'calls.jsonl'), 'utf8').trim().split('\n')
    .map((line) => JSON.parse(line) as { argv: string[]; env: Record<string, string>; op: string; name: string });

  it('passes the secret on stdin only and returns the reference from the first stdout line', async () => {
    const store = openSecretStore(spec('ok'), context());
    const ref = await store.put('Google Classroom 2026', 'exec-secret-value-91');
    expect(ref).toMatch(/^file:vault\/Google-Classroom-2026-[0-9a-f]{8}$/);
    expect(await resolveSecretRef(ref, context())).toBe('exec-secret-value-91');
    const [call] = calls();
    expect(call?.op).toBe('put');
    expect(call?.env.SISLINK_SECRET_NAME).toBe(ref.slice('file:vault/'.length));
    expect(JSON.stringify(call?.argv)).not.toContain('exec-secret-value-91');
    expect(JSON.stringify(call?.env)).not.toContain('exec-secret-value-91');
  });

  it('reads values back with SISLINK_SECRET_OP=get', async () => {
    const store = openSecretStore(spec('ok'), context());
    await store.put('r2026', 'exec-secret-value-92');
    expect(await store.get('r2026')).toBe('exec-secret-value-92');
    expect(await store.get('missing')).toBeUndefined();
  });

  it('uses a configured reference pattern instead of stdout', async () => {
    const store = openSecretStore(spec('garbage'), { ...context(), referencePattern: 'env:SISLINK_{name}' });
    expect(await store.put('R_2026', 'exec-secret-value-93')).toBe('env:SISLINK_R_2026');
  });

  it('turns a non-zero exit into an error that never holds the value, even when stderr does', async () => {
    const error: unknown = await openSecretStore(spec('fail'), context()).put('r', 'canary-exec-value-94').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STATE_ERROR', details: { reason: 'SECRET_STORE_FAILED' } });
    const message = (error as Error).message;
    expect(message).toContain('exited with code 3');
    expect(message).toContain('vault said no');
    expect(message).not.toContain('canary-exec-value-94');
    expect(message).not.toContain(Buffer.from('canary-exec-value-94').toString('base64'));
  });

  it('refuses a command that echoes the secret or prints no reference', async () => {
    const echoed: unknown = await openSecretStore(spec('echo'), context()).put('r', 'canary-exec-value-95').catch((e: unknown) => e);
    expect((echoed as Error).message).toContain('printed the secret itself');
    expect((echoed as Error).message).not.toContain('canary-exec-value-95');
    await expect(openSecretStore(spec('garbage'), context()).put('r', 'canary-exec-value-96')).rejects.toMatchObject({
      message: expect.stringContaining('not valid'),
    });
  });

  it('reports a conflicting value as the command reports it', async () => {
    const store = openSecretStore(spec('ok'), context());
    await store.put('r', 'first-exec-value-97');
    expect(await store.put('r', 'first-exec-value-97')).toBe('file:vault/r');
    await expect(store.put('r', 'second-exec-value-98')).rejects.toMatchObject({ message: expect.stringContaining('exited with code 4') });
  });

  it('reports a command that cannot start', async () => {
    await expect(openSecretStore('exec:./no-such-tool', context()).put('r', 'value-99-abc')).rejects.toMatchObject({
      message: expect.stringContaining('could not start (ENOENT)'),
    });
  });

  it('does not use a shell', async () => {
    const marker = path.join(repo.root, 'pwned');
    const store = openSecretStore(`exec:"${process.execPath}" ../tools/manager.mjs ok ; touch ${marker}`, context());
    await store.put('r', 'value-shell-test');
    expect(() => readFileSync(marker)).toThrow();
  });
});

describe('splitCommand', () => {
  it.each([
    ['vault kv put secret/x', ['vault', 'kv', 'put', 'secret/x']],
    [`op "item create" --vault 'Google Classroom'`, ['op', 'item create', '--vault', 'Google Classroom']],
    ['a\\ b "c\\"d" \'e\\f\'', ['a b', 'c"d', 'e\\f']],
    ['  spaced   out  ', ['spaced', 'out']],
    ['empty "" arg', ['empty', '', 'arg']],
  ])('splits %j', (command, expected) => {
    expect(splitCommand(command)).toEqual(expected);
  });

  it.each(['', '   ', 'open "quote', "open 'quote"])('rejects %j', (command) => {
    expect(splitCommand(command)).toHaveProperty('error');
  });
});

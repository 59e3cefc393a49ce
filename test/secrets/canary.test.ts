/**
 * A canary secret pushed through every error path of src/secrets and src/vendors: no message,
 * detail or cause may contain it, in plain or encoded form.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSecretRef, resolveSecretRef } from '../../src/secrets/refs.js';
import { openSecretStore } from '../../src/secrets/stores/index.js';
import { clearRegisteredSecrets } from '../../src/secrets/redact.js';
import { resolveEndpoints } from '../../src/vendors/index.js';
import { checkVendor } from '../../src/vendors/index.js';
import { district } from '../vendors/config.js';
import { makeTempRepo, type TempRepo } from './tmp.js';

const CANARY = 'cAnArY-7Qw9-zX2v+Lm8/Rt5=';
const FORMS = [
  CANARY,
  Buffer.from(CANARY).toString('base64'),
  Buffer.from(CANARY).toString('base64url'),
  Buffer.from(CANARY).toString('hex'),
  encodeURIComponent(CANARY),
  'cAnArY-7Qw9',
];

const FAILING_SCRIPT = `
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = Buffer.concat(chunks).toString('utf8');
if (process.argv[2] === 'echo') { process.stdout.write(input + '\\n'); process.exit(0); }
process.stderr.write('rejected ' + input + ' b64=' + Buffer.from(input).toString('base64') + '\\n');
process.exit(1);
`;

let repo: TempRepo;
beforeAll(() => {
  repo = makeTempRepo();
  repo.write('tools/fail.mjs', FAILING_SCRIPT);
});
afterAll(() => repo.cleanup());
afterEach(() => clearRegisteredSecrets());

function everything(error: unknown): string {
  const e = error as Error & { details?: unknown; cause?: unknown };
  return [e.message, String(e), JSON.stringify(e.details ?? null), String(e.cause ?? '')].join('\n');
}

async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to fail');
}

describe('canary secret', () => {
  const context = () => ({ configFile: repo.configFile, repoRoot: repo.root });
  const exec = (mode: string) => `exec:"${process.execPath}" ../tools/fail.mjs ${mode}`;

  const operations: Array<[string, () => unknown]> = [
    ['resolving the canary pasted as a reference', () => resolveSecretRef(CANARY, context())],
    ['resolving env: with the canary as a name', () => resolveSecretRef(`env:${CANARY}`, context())],
    ['resolving file: with the canary as an absolute path', () => resolveSecretRef(`file:/${CANARY}`, context())],
    ['resolving an unknown scheme holding the canary', () => resolveSecretRef(`vault:${CANARY}`, context())],
    ['opening a store spec that is the canary', () => openSecretStore(CANARY, context())],
    ['storing the canary with a trailing newline', () => openSecretStore('file:.secrets', context()).put('n', `${CANARY}\n`)],
    ['overwriting a stored value with the canary', async () => {
      const store = openSecretStore('file:.secrets', context());
      await store.put('c', 'an-earlier-value-1234');
      await store.put('c', CANARY);
    }],
    ['overwriting the stored canary with another value', async () => {
      const store = openSecretStore('file:.secrets', context());
      await store.put('d', CANARY);
      await store.put('d', 'a-later-value-5678');
    }],
    ['an exec store that prints the canary on stderr', () => openSecretStore(exec('fail'), context()).put('e', CANARY)],
    ['an exec store that echoes the canary', () => openSecretStore(exec('echo'), context()).put('f', CANARY)],
    ['a base URL carrying the canary as a password', () =>
      resolveEndpoints(district('oneroster', { baseUrl: `https://GOOGLE:${encodeURIComponent(CANARY)}@sis.example.org` }))],
    ['a base URL carrying the canary in its query', () =>
      resolveEndpoints(district('oneroster', { baseUrl: `https://sis.example.org/?token=${encodeURIComponent(CANARY)}` }))],
  ];

  it.each(operations)('%s', async (_name, run) => {
    const text = everything(await caught(run));
    for (const form of FORMS) expect(text).not.toContain(form);
  });

  it('parse errors never contain it', () => {
    for (const text of [CANARY, `env:${CANARY}`, `file:/${CANARY}`, `x:${CANARY}`]) {
      const result = parseSecretRef(text);
      for (const form of FORMS) expect(JSON.stringify(result)).not.toContain(form);
    }
  });

  it('vendor findings never contain it', () => {
    const findings = checkVendor(district('oneroster', {
      baseUrl: `https://GOOGLE:${encodeURIComponent(CANARY)}@sis.example.org`,
      tokenUrl: `https://u:${encodeURIComponent(CANARY)}@sis.example.org/token`,
    }));
    expect(findings.length).toBeGreaterThan(0);
    for (const form of FORMS) expect(JSON.stringify(findings)).not.toContain(form);
  });
});

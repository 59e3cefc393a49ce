/**
 * SIGKILL inside every rotation step (after each journal write of the rotation run), then a
 * normal run: never a second record for the year, never a lost secret, and the link ends on the
 * new record with a secret that works at the SIS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { openStateStore } from '../../src/state/open.js';
import { runCli } from '../helpers/cli.js';
import { createSandboxRecord, makeRotationRepo, reconcileAt, rotationYaml, tokenAccepted, type RotationRepo } from './helpers.js';

const FIRST = { name: 'Google Classroom 2026', key: 'GOOGLE2026', effective: '2025-06-01', expiration: '2026-07-01' };
const DAY = '2026-06-01T17:00:00Z';
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, size: 'tiny' });
});
afterAll(async () => sandbox.close());

async function freshDistrict(): Promise<RotationRepo> {
  sandbox.reset();
  sandbox.setClock(new Date('2026-05-31T17:00:00Z'));
  const repo = await makeRotationRepo(sandbox, rotationYaml(sandbox, { record: FIRST }), await createSandboxRecord(sandbox, FIRST));
  expect((await reconcileAt(repo, new Date('2026-05-31T17:00:00Z'))).code).toBe(0);
  sandbox.setClock(new Date(DAY));
  return repo;
}

function reconcile(repo: RotationRepo, env: Record<string, string> = {}) {
  return runCli(['--now', DAY, 'reconcile', 'districts', '--format', 'json'], { cwd: repo.dir, env });
}

async function storedSecrets(repo: RotationRepo): Promise<string[]> {
  const dir = join(repo.dir, 'secrets', 'rotation');
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => !name.startsWith('.'));
}

describe('SIGKILL during a rotation', () => {
  it('re-running after a kill at any journal write finishes the rotation exactly once', async () => {
    let crashes = 0;
    for (let step = 1; step < 60; step += 1) {
      const repo = await freshDistrict();
      try {
        const crashed = await reconcile(repo, { SISLINK_CRASH_AFTER_JOURNAL: String(step) });
        if (crashed.code === 0) break;
        expect(crashed.code, crashed.stderr).toBeNull();
        crashes += 1;
        const rerun = await reconcile(repo);
        expect(rerun.code, `${rerun.stdout}${rerun.stderr}`).toBe(0);

        const records = sandbox.accessRecords.list().filter((record) => record.name === 'Google Classroom 2027');
        expect(records, `after a kill at journal write ${step}`).toHaveLength(1);
        const secrets = await storedSecrets(repo);
        expect(secrets, `after a kill at journal write ${step}`).toHaveLength(1);
        const secret = await readFile(join(repo.dir, 'secrets', 'rotation', secrets[0] ?? ''), 'utf8');
        expect(await tokenAccepted(sandbox, 'GOOGLE2027', secret)).toBe(true);

        const store = await openStateStore(repo.state, { cwd: repo.dir });
        try {
          const link = await store.getLink('maple');
          expect(link?.activeRecord).toBe('Google Classroom 2027');
          expect(link?.secretRef).toBe(`file:../secrets/rotation/${secrets[0] ?? ''}`);
        } finally {
          await store.close();
        }
        const again = await runCli(['--now', DAY, 'plan', 'districts', '--detailed-exitcode'], { cwd: repo.dir });
        expect(again.code, again.stdout).toBe(0);
        expect((await runCli(['audit', 'verify'], { cwd: repo.dir })).code).toBe(0);
      } finally {
        await repo.cleanup();
      }
    }
    // create 2, secret 2 + generate 2 + store 2, test 2, promote 2 + verify 2 + update 2.
    expect(crashes).toBe(16);
  }, 1_800_000);
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { districtYaml, makeDistrictRepo, type DistrictRepo } from '../helpers/district-repo.js';

const SECRET = 'canary-resilience-5b8d2e6f0a';
const NOW = ['--now', '2026-09-01T12:00:00Z'];
let sandbox: SandboxHandle;
const repos: DistrictRepo[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, size: 'tiny', clientSecret: SECRET });
});
afterAll(async () => sandbox.close());
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

async function newRepo(): Promise<DistrictRepo> {
  const repo = await makeDistrictRepo(SECRET);
  repos.push(repo);
  const common = { baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, key: sandbox.clientId };
  await repo.write('maple', districtYaml({ name: 'maple', ...common }));
  await repo.write('cedar', districtYaml({ name: 'cedar', target: 'classroom-admin', ...common }));
  return repo;
}

function run(repo: DistrictRepo, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli([...NOW, ...args], { cwd: repo.dir, env });
}

/**
 * The state as JSON, for comparing runs in different repositories: timestamps, paths and values
 * keyed by each store's own fingerprint key (fingerprints, plan hashes, step ids) are masked.
 */
async function finalState(repo: DistrictRepo): Promise<unknown> {
  const shown = await run(repo, ['state', 'show', '--format', 'json']);
  const masked = shown.stdout
    .replaceAll(repo.dir, 'REPO')
    .replace(/"\d{4}-\d{2}-\d{2}T[^"]*"/g, '"T"')
    .replace(/hmac-sha256:[0-9a-f]+/g, 'FP')
    .replace(/"[0-9a-f]{64}"/g, '"HASH"')
    .replace(/"(\w+)-[0-9a-f]{10}"/g, '"$1-STEP"');
  return JSON.parse(masked);
}

describe('crash safety', () => {
  it('ends in the same state after a SIGKILL at every journal step, with no duplicated step', async () => {
    const reference = await newRepo();
    expect((await run(reference, ['apply', 'districts', '--auto-approve'])).code).toBe(0);
    const expected = await finalState(reference);

    let crashes = 0;
    for (let step = 1; step < 50; step += 1) {
      const repo = await newRepo();
      const crashed = await run(repo, ['apply', 'districts', '--auto-approve'], { SISLINK_CRASH_AFTER_JOURNAL: String(step) });
      if (crashed.code === 0) break;
      expect(crashed.code).toBeNull();
      crashes += 1;
      const rerun = await run(repo, ['apply', 'districts', '--auto-approve']);
      expect(rerun.code).toBe(0);
      expect(await finalState(repo)).toEqual(expected);
      const plan = await run(repo, ['plan', 'districts', '--detailed-exitcode']);
      expect(plan.code).toBe(0);
      const shown = JSON.parse((await run(repo, ['state', 'show', '--format', 'json'])).stdout);
      expect(JSON.stringify(shown).match(/"Link Classroom to/g)?.length ?? 0).toBeLessThanOrEqual(1);
      expect((await run(repo, ['audit', 'verify'])).code).toBe(0);
      await repo.cleanup();
    }
    // verify + create + verify + manual: four actions, two journal writes each.
    expect(crashes).toBe(8);
  }, 600_000);
});

describe('locks', () => {
  it('lets exactly one of two concurrent applies on a district proceed', async () => {
    const repo = await newRepo();
    const [first, second] = await Promise.all([
      run(repo, ['apply', 'districts/maple.yaml', '--auto-approve']),
      run(repo, ['apply', 'districts/maple.yaml', '--auto-approve']),
    ]);
    const outputs = [first, second];
    const applied = outputs.filter((result) => result.stdout.includes('maple: applied'));
    expect(applied).toHaveLength(1);
    const other = outputs.find((result) => !result.stdout.includes('maple: applied'));
    expect(`${other?.stdout}${other?.stderr}`).toMatch(/is locked by pid \d+ on host|stale|No changes/);
  });
});

describe('canary secret', () => {
  it('never appears in any output, state file, plan file or audit log', async () => {
    const repo = await newRepo();
    const outputs: CliResult[] = [];
    outputs.push(await run(repo, ['validate', 'districts', '--check-secrets']));
    outputs.push(await run(repo, ['plan', 'districts', '--out', 'plan.json', '--log-level', 'trace']));
    outputs.push(await run(repo, ['plan', 'districts', '--format', 'markdown']));
    outputs.push(await run(repo, ['plan', 'districts', '--format', 'json']));
    outputs.push(await run(repo, ['apply', 'plan.json', '--log-level', 'trace']));
    outputs.push(await run(repo, ['reconcile', 'districts', '--format', 'json', '--log-level', 'trace']));
    outputs.push(await run(repo, ['state', 'show', '--format', 'json']));
    const files: string[] = [];
    for (const dir of [repo.dir, join(repo.dir, '.sislink')]) {
      for (const name of await readdir(dir)) {
        if (name === 'secrets' || name === 'districts' || name === '.git' || name === '.sislink') continue;
        files.push((await readFile(join(dir, name))).toString('latin1'));
      }
    }
    const forms = [SECRET, Buffer.from(SECRET).toString('base64'), Buffer.from(SECRET).toString('hex'), Buffer.from(`${sandbox.clientId}:${SECRET}`).toString('base64')];
    const haystacks = [...outputs.flatMap((output) => [output.stdout, output.stderr]), ...files];
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const text of haystacks) for (const form of forms) expect(text).not.toContain(form);
  });
});

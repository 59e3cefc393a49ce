import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postPlanComment } from '../../src/github/comment-run.js';
import { startFakeGitHub, startRecorder, type FakeGitHub } from './fake-github.js';
import { createTempRepo, districtYaml, type TempRepo } from './repo.js';

const NOW = new Date('2025-09-01T12:00:00Z');

describe('credential exfiltration guard', () => {
  let repo: TempRepo;
  let github: FakeGitHub;
  let oldHost: Awaited<ReturnType<typeof startRecorder>>;
  let newHost: Awaited<ReturnType<typeof startRecorder>>;
  let stateDir: string;

  beforeEach(async () => {
    process.env.SISLINK_TEST_SIS_SECRET = 'guard-secret-4vT9qQ2m';
    repo = createTempRepo();
    github = await startFakeGitHub();
    oldHost = await startRecorder();
    newHost = await startRecorder();
    stateDir = mkdtempSync(join(tmpdir(), 'sislink-state-'));
    repo.write('districts/maple.yaml', districtYaml({ host: oldHost.url }));
    repo.write('districts/birch.yaml', districtYaml({ name: 'birch-creek', host: oldHost.url }));
    repo.commit('Add districts');
    repo.git('checkout', '-q', '-b', 'feature');
  });

  afterEach(async () => {
    delete process.env.SISLINK_TEST_SIS_SECRET;
    await Promise.all([github.close(), oldHost.close(), newHost.close()]);
    repo.remove();
    rmSync(stateDir, { recursive: true, force: true });
  });

  async function plan(sha: string, baseRef: string | undefined = 'main') {
    return postPlanComment({
      paths: ['districts'],
      cwd: repo.dir,
      state: `sqlite:${join(stateDir, 'state.db')}`,
      now: NOW,
      env: {},
      throttle: false,
      flags: { token: 't', repo: 'acme/districts', pr: 3, sha, apiUrl: github.url, baseRef },
    });
  }

  it('sends no request to a host a pull request introduces, and says so in the plan', async () => {
    repo.write('districts/maple.yaml', districtYaml({ host: newHost.url }));
    const outcome = await plan(repo.commit('Move Maple Valley to a new SIS host'));

    expect(newHost.requests).toHaveLength(0);
    const maple = outcome.plan?.districts.find((district) => district.district === 'maple-valley');
    const warning = maple?.warnings.find((entry) => entry.code === 'CREDENTIALS_WITHHELD');
    expect(warning?.message).toContain(oldHost.url);
    expect(warning?.message).toContain(newHost.url);
    expect(github.comments[0]?.body).toContain('credentials withheld');
    // The unchanged district is still tested against its (unchanged) host.
    const birch = outcome.plan?.districts.find((district) => district.district === 'birch-creek');
    expect(birch?.warnings.map((entry) => entry.code)).not.toContain('CREDENTIALS_WITHHELD');
    expect(oldHost.requests.length).toBeGreaterThan(0);
    // The new link is planned with a verify step, run only when applied after the merge.
    expect(maple?.actions.map((action) => action.kind)).toContain('verify');
  });

  it('guards a token URL change on the same host', async () => {
    repo.write('districts/maple.yaml', districtYaml({ host: oldHost.url }).replace(`${oldHost.url}/oauth/token`, `${newHost.url}/oauth/token`));
    const outcome = await plan(repo.commit('New token URL'));
    expect(newHost.requests).toHaveLength(0);
    expect(outcome.plan?.districts.find((district) => district.district === 'maple-valley')?.warnings.map((entry) => entry.code)).toContain('CREDENTIALS_WITHHELD');
  });

  it('guards a district file that is new on the pull request', async () => {
    repo.write('districts/cedar.yaml', districtYaml({ name: 'cedar-ridge', host: newHost.url }));
    const outcome = await plan(repo.commit('Add Cedar Ridge'));
    expect(newHost.requests).toHaveLength(0);
    const cedar = outcome.plan?.districts.find((district) => district.district === 'cedar-ridge');
    expect(cedar?.warnings.find((entry) => entry.code === 'CREDENTIALS_WITHHELD')?.message).toContain('new on this pull request');
  });

  it('withholds credentials everywhere when the base branch cannot be read', async () => {
    const outcome = await plan(repo.git('rev-parse', 'HEAD').trim(), 'no-such-branch');
    expect(oldHost.requests).toHaveLength(0);
    expect(outcome.plan?.districts.every((district) => district.warnings.some((entry) => entry.code === 'CREDENTIALS_WITHHELD'))).toBe(true);
  });
});

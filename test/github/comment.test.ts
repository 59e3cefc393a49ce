import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postPlanComment } from '../../src/github/comment-run.js';
import { createGitHubClient } from '../../src/github/client.js';
import { startFakeGitHub, startRecorder, type FakeGitHub } from './fake-github.js';
import { createTempRepo, districtYaml, type TempRepo } from './repo.js';

const CANARY = 'canary-Zq8vW3nT5rY1pLx0';
const NOW = new Date('2025-09-01T12:00:00Z');

describe('github comment', () => {
  let repo: TempRepo;
  let github: FakeGitHub;
  let sis: Awaited<ReturnType<typeof startRecorder>>;
  let stateDir: string;

  beforeEach(async () => {
    process.env.SISLINK_TEST_SIS_SECRET = CANARY;
    repo = createTempRepo();
    github = await startFakeGitHub();
    sis = await startRecorder();
    stateDir = mkdtempSync(join(tmpdir(), 'sislink-state-'));
    repo.write('districts/maple.yaml', districtYaml({ host: sis.url }));
    repo.commit('Add Maple Valley');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('districts/maple.yaml', districtYaml({ host: sis.url, sisSupport: true }));
    repo.commit('Enable SIS support');
  });

  afterEach(async () => {
    delete process.env.SISLINK_TEST_SIS_SECRET;
    await github.close();
    await sis.close();
    repo.remove();
    rmSync(stateDir, { recursive: true, force: true });
  });

  function options(sha: string, extra: { env?: NodeJS.ProcessEnv; throttle?: boolean } = {}) {
    return {
      paths: ['districts'],
      cwd: repo.dir,
      state: `sqlite:${join(stateDir, 'state.db')}`,
      now: NOW,
      env: extra.env ?? {},
      throttle: extra.throttle ?? false,
      flags: extra.env ? {} : { token: 'test-token', repo: 'acme/districts', pr: 7, sha, apiUrl: github.url, baseRef: 'main' },
    };
  }

  it('creates one sticky comment from the Actions environment, then updates it in place', async () => {
    const sha = repo.git('rev-parse', 'HEAD').trim();
    const eventPath = join(stateDir, 'event.json');
    writeFileSync(eventPath, JSON.stringify({ number: 7, pull_request: { number: 7, head: { sha }, base: { ref: 'main' } } }));
    const env = { GITHUB_TOKEN: 'test-token', GITHUB_REPOSITORY: 'acme/districts', GITHUB_EVENT_PATH: eventPath, GITHUB_API_URL: github.url };

    const first = await postPlanComment(options(sha, { env, throttle: true }));
    expect(first.state).toBe('success');
    expect(first.comments.created).toHaveLength(1);
    expect(github.comments).toHaveLength(1);
    const body = github.comments[0]?.body ?? '';
    expect(body.startsWith('<!-- sislink-plan: districts -->\n')).toBe(true);
    expect(body).toContain('| maple-valley | ');
    expect(body).toContain('Google Classroom 2025: 2025-07-01 → 2026-07-31');
    expect(body).toContain(`<!-- sislink-plan-hash: ${first.plan?.hash} -->`);
    expect(body).toMatch(/<details><summary><b>maple-valley<\/b>/);

    // The guard let this district through: its host is unchanged, so its credential was tested.
    expect(sis.requests.length).toBeGreaterThan(0);
    expect(first.plan?.districts[0]?.warnings.map((warning) => warning.code)).not.toContain('CREDENTIALS_WITHHELD');

    repo.write('districts/maple.yaml', districtYaml({ host: sis.url, sisSupport: false }));
    const second = await postPlanComment(options(repo.commit('Revert consent')));
    expect(second.comments.updated).toEqual(first.comments.created);
    expect(second.comments.created).toHaveLength(0);
    expect(github.comments).toHaveLength(1);
    const writes = github.requests.filter((request) => request.method !== 'GET');
    expect(writes.map((request) => `${request.method} ${request.path.replace(/[0-9a-f]{40}/, 'SHA')}`)).toEqual([
      'POST /repos/acme/districts/issues/7/comments',
      'POST /repos/acme/districts/statuses/SHA',
      'PATCH /repos/acme/districts/issues/comments/1000',
      'POST /repos/acme/districts/statuses/SHA',
    ]);
    expect(github.statuses.map((status) => [status.context, status.state])).toEqual([['sislink/plan', 'success'], ['sislink/plan', 'success']]);
    expect(github.statuses[0]?.description).toMatch(/^Plan: 1 to create/);
    expect(github.statuses[0]?.sha).toBe(sha);
  });

  it('sends no secret value in any request to GitHub', async () => {
    const sha = repo.git('rev-parse', 'HEAD').trim();
    await postPlanComment(options(sha));
    expect(github.requests.length).toBeGreaterThan(0);
    const encoded = [CANARY, Buffer.from(CANARY).toString('base64'), encodeURIComponent(CANARY)];
    for (const request of github.requests) for (const form of encoded) expect(request.body).not.toContain(form);
  });

  it('reports a configuration error in the comment and fails the status', async () => {
    repo.write('districts/maple.yaml', 'apiVersion: sislink/v1\nkind: SisLink\nmetadata: {}\n');
    const outcome = await postPlanComment(options(repo.commit('Break it')));
    expect(outcome.state).toBe('failure');
    expect(github.comments[0]?.body).toContain('### sislink plan (failed)');
    expect(github.statuses.at(-1)?.state).toBe('failure');
  });

  it('builds a client with retries and throttling', () => {
    const client = createGitHubClient({ token: 't', baseUrl: github.url });
    expect(typeof client.rest.issues.createComment).toBe('function');
  });
});

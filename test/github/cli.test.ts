import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startFakeGitHub, startRecorder, type FakeGitHub } from './fake-github.js';
import { createTempRepo, districtYaml, type TempRepo } from './repo.js';

describe('CLI: github, history, report', () => {
  let repo: TempRepo;
  let github: FakeGitHub;
  let sis: Awaited<ReturnType<typeof startRecorder>>;
  let stateDir: string;

  beforeEach(async () => {
    repo = createTempRepo();
    github = await startFakeGitHub();
    sis = await startRecorder();
    stateDir = mkdtempSync(join(tmpdir(), 'sislink-cli-'));
    repo.write('districts/maple.yaml', districtYaml({ host: sis.url }));
    repo.commit('Add Maple Valley');
    repo.write('districts/maple.yaml', districtYaml({ host: sis.url, sisSupport: true }));
    repo.commit('Enable SIS support (#2)');
  });

  afterEach(async () => {
    await Promise.all([github.close(), sis.close()]);
    repo.remove();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const env = { SISLINK_TEST_SIS_SECRET: 'cli-secret-value-77', SISLINK_NOW: '2025-09-01T12:00:00Z', GITHUB_EVENT_PATH: '' };

  it('posts the plan comment and status', async () => {
    const sha = repo.git('rev-parse', 'HEAD').trim();
    const result = await runCli(['--state', `sqlite:${join(stateDir, 'state.db')}`, 'github', 'comment', 'districts',
      '--token', 't', '--repo', 'acme/districts', '--pr', '5', '--sha', sha, '--base-ref', 'main', '--api-url', github.url], { cwd: repo.dir, env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/plan comment: 1 part \(1 created, 0 updated, 0 deleted\); status sislink\/plan: success/);
    expect(github.comments).toHaveLength(1);
    expect(github.statuses[0]?.state).toBe('success');
  });

  it('prints the history and writes the report', async () => {
    const history = await runCli(['history', 'districts'], { cwd: repo.dir, env });
    expect(history.stderr).toBe('');
    expect(history.code).toBe(0);
    expect(history.stdout).toContain('(PR #2): Enable SIS support (#2)');
    expect(history.stdout).toContain('spec.consent.sisSupport: false → true');
    const report = await runCli(['report', 'districts', '--out', 'report.html'], { cwd: repo.dir, env });
    expect(report.code).toBe(0);
    expect(existsSync(join(repo.dir, 'report.html'))).toBe(true);
    expect(readFileSync(join(repo.dir, 'report.html'), 'utf8')).toContain('maple-valley');
  });

  it('refuses to run without a token', async () => {
    const result = await runCli(['github', 'comment', 'districts', '--repo', 'acme/districts', '--pr', '5', '--sha', 'a'.repeat(40)], { cwd: repo.dir, env: { ...env, GITHUB_TOKEN: '' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no GitHub token');
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runGithubIssue } from '../../src/github/issue-run.js';
import { ISSUE_LABEL, ISSUE_MARKER } from '../../src/github/issue.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { districtYaml } from './repo.js';

describe('github issue', () => {
  let github: FakeGitHub;
  let dir: string;
  beforeEach(async () => {
    github = await startFakeGitHub();
    dir = mkdtempSync(join(tmpdir(), 'sislink-issue-'));
    writeFileSync(join(dir, 'maple.yaml'), districtYaml({ host: 'https://sis.maple.example.org' }));
  });
  afterEach(async () => {
    await github.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function report(districts: object[]): string {
    const path = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify({ now: '2025-09-01T02:00:00.000Z', planHash: 'abc', districts }));
    return path;
  }

  const run = (from: string, now: string) => runGithubIssue({
    from, paths: [dir], now: new Date(now), cwd: dir, env: {}, throttle: false, write: () => undefined,
    flags: { token: 't', repo: 'acme/districts', apiUrl: github.url },
  });

  it('opens one issue for drift and failures, updates it, and closes it once resolved', async () => {
    const failing = report([
      { district: 'maple-valley', outcome: 'applied', converged: true, cause: 'drift', actions: [] },
      { district: 'birch-creek', outcome: 'failed', converged: undefined, message: 'AUTH_FAILED: token refused', cause: 'config', actions: [] },
    ]);
    expect(await run(failing, '2025-09-01')).toEqual({ action: 'created', number: 1 });
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]?.labels).toEqual([ISSUE_LABEL]);
    expect(github.issues[0]?.body).toContain(ISSUE_MARKER);
    expect(github.issues[0]?.body).toContain('| maple-valley | drift |');
    expect(github.issues[0]?.body).toContain('| birch-creek | failure | failed: AUTH_FAILED: token refused |');

    expect(await run(failing, '2025-09-02')).toEqual({ action: 'updated', number: 1 });
    expect(github.issues).toHaveLength(1);

    const clean = report([{ district: 'maple-valley', outcome: 'unchanged', converged: undefined, cause: 'none', actions: [] }]);
    expect(await run(clean, '2025-09-03')).toEqual({ action: 'closed', number: 1 });
    expect(github.issues[0]?.state).toBe('closed');
    expect(await run(clean, '2025-09-04')).toEqual({ action: 'none' });
  });

  it('reports access records about to expire', async () => {
    const clean = report([{ district: 'maple-valley', outcome: 'unchanged', cause: 'none', actions: [] }]);
    expect(await run(clean, '2026-07-20T12:00:00Z')).toEqual({ action: 'created', number: 1 });
    expect(github.issues[0]?.body).toMatch(/\| maple-valley \| credential-expiry \| access records cover only until 2026-07-31 \(11 days/);
  });
});

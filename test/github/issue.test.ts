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

  function report(districts: object[], jobs: { jobs?: object[]; rosters?: object[] } = {}): string {
    const path = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify({ now: '2025-09-01T02:00:00.000Z', planHash: 'abc', districts, ...jobs }));
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

  it('reports failed grade exports and refused or partial roster imports, and closes once they pass', async () => {
    const unchanged = [{ district: 'maple-valley', outcome: 'unchanged', cause: 'none', actions: [] }];
    const failing = report(unchanged, {
      jobs: [
        { district: 'maple-valley', job: 'grades', kind: 'grade-export', outcome: 'failed', summary: { failed: 3, failures: [{ error: '422 invaliddata grading window closed' }] } },
        { district: 'maple-valley', job: 'weekly', kind: 'grade-export', outcome: 'failed', error: 'AUTH_FAILED: token refused' },
        { district: 'maple-valley', job: 'other', kind: 'grade-export', outcome: 'succeeded', summary: { failed: 0 } },
      ],
      rosters: [
        { district: 'maple-valley', job: 'roster', outcome: 'refused', refused: { message: 'refusing to apply the roster import: the SIS roster shrank sharply (40 removal(s) planned); nothing was changed.\n  more lines' } },
        { district: 'birch-creek', job: 'roster', outcome: 'partial', applied: { failed: 2, failures: [{ kind: 'add-alias', alias: 'd:c1', error: 'alias d:c1 already names course 9' }] } },
        { district: 'oak', job: 'roster', outcome: 'applied', applied: { failed: 0, failures: [] } },
      ],
    });
    expect(await run(failing, '2025-09-01')).toEqual({ action: 'created', number: 1 });
    const body = github.issues[0]?.body ?? '';
    expect(body).toContain('found 4 problems');
    expect(body).toContain('| maple-valley | job-failure | grade export "grades": 3 item(s) failed (retried by the next run), first: 422 invaliddata grading window closed |');
    expect(body).toContain('| maple-valley | job-failure | grade export "weekly": AUTH_FAILED: token refused |');
    expect(body).toContain('| maple-valley | job-failure | roster import "roster" refused, nothing changed: refusing to apply the roster import: the SIS roster shrank sharply (40 removal(s) planned); nothing was changed. |');
    expect(body).toContain('| birch-creek | job-failure | roster import "roster": 2 change(s) failed, first: add-alias d:c1: alias d:c1 already names course 9 |');
    expect(body).not.toContain('"other"');
    expect(body).not.toContain('| oak |');
    expect(await run(report(unchanged, { jobs: [], rosters: [] }), '2025-09-02')).toEqual({ action: 'closed', number: 1 });
  });

  it('reports access records about to expire', async () => {
    const clean = report([{ district: 'maple-valley', outcome: 'unchanged', cause: 'none', actions: [] }]);
    expect(await run(clean, '2026-07-20T12:00:00Z')).toEqual({ action: 'created', number: 1 });
    expect(github.issues[0]?.body).toMatch(/\| maple-valley \| credential-expiry \| access records cover only until 2026-07-31 \(11 days/);
  });
});

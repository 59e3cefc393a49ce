import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHistory } from '../../src/history/run.js';
import { readApplyRuns } from '../../src/history/audit-join.js';
import { collectHistory } from '../../src/history/history.js';
import { semanticDiff, formatChange } from '../../src/history/semantic-diff.js';
import { createTempRepo, districtYaml, type TempRepo } from '../github/repo.js';

const LITERAL = 'sk_live_9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c';

describe('sislink history', () => {
  let repo: TempRepo;
  const commits: string[] = [];
  let auditLog: string;

  beforeAll(() => {
    repo = createTempRepo();
    repo.write('districts/maple.yaml', districtYaml({ host: 'https://sis.maple.example.org' }));
    commits.push(repo.commit('Add Maple Valley', { date: '2025-06-01T10:00:00Z' }));
    repo.write('districts/maple.yaml', districtYaml({ host: 'https://sis.maple.example.org', sisSupport: true }));
    commits.push(repo.commit('Enable SIS support (#12)', { author: 'Lee Ops <lee@example.org>', date: '2025-06-10T10:00:00Z' }));
    repo.git('checkout', '-q', '-b', 'rotate');
    repo.write('districts/maple.yaml', districtYaml({ host: 'https://sis.maple.example.org', sisSupport: true }).replace('2026-07-31', '2026-08-15').replace('env:SISLINK_TEST_SIS_SECRET', 'env:MAPLE_2025'));
    commits.push(repo.commit('Extend the 2025 record', { date: '2025-07-01T10:00:00Z' }));
    repo.git('checkout', '-q', 'main');
    repo.git('-c', 'user.name=GitHub', '-c', 'user.email=noreply@github.com', 'merge', '-q', '--no-ff', '-m', 'Merge pull request #15 from acme/rotate', 'rotate');
    repo.git('mv', 'districts/maple.yaml', 'districts/maple-valley.yaml');
    repo.write('districts/maple-valley.yaml', districtYaml({ host: 'https://oneroster.maple.example.org', sisSupport: true }).replace('2026-07-31', '2026-08-15').replace('env:SISLINK_TEST_SIS_SECRET', LITERAL));
    commits.push(repo.commit('Rename and move host', { date: '2025-08-01T10:00:00Z' }));
    auditLog = join(repo.dir, 'audit.log');
    const blob = repo.git('rev-parse', `${commits[2]}:districts/maple.yaml`).trim();
    writeFileSync(auditLog, [
      { seq: 1, time: '2025-06-10T11:00:00.000Z', actor: 'ci-bot', event: 'run.finish', district: 'maple-valley', gitCommit: commits[1], outcome: 'applied', details: { converged: true }, prev: '' },
      { seq: 2, time: '2025-07-02T11:00:00.000Z', actor: 'dana', event: 'run.finish', district: 'maple-valley', gitCommit: 'f'.repeat(40), blobHash: blob, outcome: 'failed', details: { converged: false }, prev: '' },
    ].map((record) => JSON.stringify(record)).join('\n') + '\n');
  });

  afterAll(() => repo.remove());

  async function text(extra: { since?: string; format?: 'text' | 'markdown' | 'json' } = {}): Promise<string> {
    let out = '';
    await runHistory({ paths: ['districts'], cwd: repo.dir, state: 'sqlite:unused.db', auditLog, format: extra.format ?? 'text', since: extra.since, write: (chunk) => (out += chunk) });
    return out;
  }

  it('shows each version with its semantic change, following the rename', async () => {
    const [history] = await collectHistory({ paths: ['districts'], cwd: repo.dir, applyRuns: await readApplyRuns({ kind: 'file', path: auditLog }) });
    expect(history?.entries.map((entry) => entry.subject)).toEqual(['Rename and move host', 'Extend the 2025 record', 'Enable SIS support (#12)', 'Add Maple Valley']);
    const lines = history?.entries.map((entry) => entry.changes.map(formatChange)) ?? [];
    expect(lines[0]).toContain('spec.sis.baseUrl: "https://sis.maple.example.org/api" → "https://oneroster.maple.example.org/api"');
    expect(lines[0]).toContain('spec.credentials.records["Google Classroom 2025"].secret: "env:MAPLE_2025" → (literal value hidden)');
    expect(lines[1]).toEqual([
      'spec.credentials.records["Google Classroom 2025"].secret: "env:SISLINK_TEST_SIS_SECRET" → "env:MAPLE_2025"',
      'spec.credentials.records["Google Classroom 2025"].expiration: "2026-07-31" → "2026-08-15"',
    ]);
    expect(lines[2]).toEqual(['spec.consent.sisSupport: false → true']);
    expect(lines[3]).toContain('metadata.name: + "maple-valley"');
    expect(history?.entries[0]?.path).toBe('districts/maple-valley.yaml');
    expect(history?.entries[1]?.path).toBe('districts/maple.yaml');
  });

  it('names the pull request from squash and merge subjects', async () => {
    const [history] = await collectHistory({ paths: ['districts'], cwd: repo.dir });
    expect(history?.entries.map((entry) => entry.pullRequest)).toEqual([undefined, 15, 12, undefined]);
  });

  it('joins applies from the audit log by commit and by blob', async () => {
    const out = await text();
    expect(out).toContain('spec.consent.sisSupport: false → true');
    expect(out).toContain('applied 2025-06-10T11:00:00.000Z by ci-bot (maple-valley): applied, verified');
    expect(out).toContain('applied 2025-07-02T11:00:00.000Z by dana (maple-valley): failed, NOT converged');
    expect(out).toContain('Lee Ops <lee@example.org> (PR #12)');
  });

  it('never prints a literal secret, in any format', async () => {
    for (const format of ['text', 'markdown', 'json'] as const) expect(await text({ format })).not.toContain(LITERAL);
  });

  it('limits versions with --since', async () => {
    const out = await text({ since: '2025-06-15', format: 'json' });
    const parsed = JSON.parse(out) as { files: { entries: { subject: string }[] }[] };
    expect(parsed.files[0]?.entries.map((entry) => entry.subject)).toEqual(['Rename and move host', 'Extend the 2025 record']);
  });

  it('diffs multi-document files per district and ignores record order', () => {
    const a = 'metadata: {name: a}\nspec: {x: 1}\n---\nmetadata: {name: b}\nspec: {list: [{name: r1, v: 1}, {name: r2, v: 2}]}\n';
    const b = 'metadata: {name: a}\nspec: {x: 2}\n---\nmetadata: {name: b}\nspec: {list: [{name: r2, v: 2}, {name: r1, v: 1}]}\n';
    expect(semanticDiff(a, b).changes.map(formatChange)).toEqual(['a: spec.x: 1 → 2']);
    expect(semanticDiff('a: [', 'a: 1').error).toMatch(/not valid YAML/);
  });
});

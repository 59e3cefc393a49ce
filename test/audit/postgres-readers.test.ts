/** history and report read the audit chain kept in PostgreSQL state, with git provenance added at append. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditLogForState } from '../../src/audit/for-state.js';
import { runHistory } from '../../src/history/run.js';
import { runReport } from '../../src/report/run.js';
import { createTempRepo, districtYaml, type TempRepo } from '../github/repo.js';
import { freshPostgresUrl } from '../helpers/postgres-url.js';
import { closePgStores, openPgStore, storedLines } from './pg-helpers.js';

describe('readers of the PostgreSQL audit chain', () => {
  let repo: TempRepo;
  let url: string;
  let commit: string;

  beforeAll(async () => {
    repo = createTempRepo();
    repo.write('districts/maple.yaml', districtYaml({ host: 'https://sis.maple.example.org', sisSupport: true }));
    commit = repo.commit('Add Maple Valley (#4)');
    url = await freshPostgresUrl();
    const store = await openPgStore(url);
    const log = openAuditLogForState(url, { store, cwd: repo.dir, now: () => new Date('2025-08-02T10:00:00.000Z') });
    await log.append({ event: 'run.start', district: 'maple-valley', configFile: 'districts/maple.yaml' });
    await log.append({
      event: 'run.finish', district: 'maple-valley', configFile: 'districts/maple.yaml', actor: 'ci-bot',
      outcome: 'applied', details: { converged: true },
    });
    await closePgStores();
  });

  afterAll(() => repo.remove());

  it('records the git commit of the config file in the database rows', async () => {
    const rows = await storedLines(url);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(JSON.parse(row.line)).toMatchObject({ gitCommit: commit, gitDirty: false });
  });

  it('shows applies from the database chain in sislink history', async () => {
    let out = '';
    await runHistory({ paths: ['districts'], cwd: repo.dir, state: url, format: 'text', write: (text) => (out += text) });
    expect(out).toContain('applied 2025-08-02T10:00:00.000Z by ci-bot (maple-valley): applied, verified');
  });

  it('shows applies from the database chain in the report', async () => {
    const out = join(repo.dir, 'report.html');
    await runReport({ paths: ['districts'], out, now: new Date('2025-09-01T12:00:00Z'), state: url, cwd: repo.dir, write: () => undefined });
    const html = await readFile(out, 'utf8');
    expect(html).toContain('ci-bot');
    expect(html).toContain('<span class="ok">converged</span>');
  });
});

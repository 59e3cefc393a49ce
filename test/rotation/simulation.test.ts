/**
 * Three school years, one reconcile per day, against one sandbox whose clock follows the run's:
 * the link's credential works every day, one record is created per year, old ones are retired
 * after they expire, and the audit log tells the story.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { openStateStore } from '../../src/state/open.js';
import type { StateStore } from '../../src/state/types.js';
import { addDays } from '../../src/util/dates.js';
import { runAuditVerify } from '../../src/audit/verify-command.js';
import { runCredentialsStatus } from '../../src/rotation/status-run.js';
import { auditEvents, createSandboxRecord, makeRotationRepo, reconcileAt, rotationYaml, tokenAccepted, type RotationRepo } from './helpers.js';

const FIRST = { name: 'Google Classroom 2026', key: 'GOOGLE2026', effective: '2025-06-01', expiration: '2026-07-01' };
let sandbox: SandboxHandle;
let repo: RotationRepo;
let store: StateStore;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, size: 'tiny', now: new Date('2025-07-01T17:00:00Z') });
  const secret = await createSandboxRecord(sandbox, FIRST);
  repo = await makeRotationRepo(sandbox, rotationYaml(sandbox, { record: FIRST }), secret);
});
afterAll(async () => {
  await store?.close();
  await sandbox.close();
  await repo.cleanup();
});

async function linkCredential(): Promise<{ key: string; secret: string; record: string | null }> {
  const link = await store.getLink('maple');
  if (link === undefined) throw new Error('no link');
  const secret = await readFile(join(repo.dir, 'districts', link.secretRef.slice('file:'.length)), 'utf8');
  return { key: link.key, secret: secret.replace(/\n$/, ''), record: link.activeRecord };
}

describe('three school years of daily reconciles', () => {
  it('keeps the link working every day and rotates once a year', async () => {
    const appliedDays: string[] = [];
    const outputs: string[] = [];
    const switches: string[] = [];
    let previous: string | null = null;
    for (let day = '2025-07-01'; day <= '2028-06-30'; day = addDays(day, 1)) {
      const now = new Date(`${day}T17:00:00Z`);
      sandbox.setClock(now);
      const { code, output } = await reconcileAt(repo, now);
      expect(code, `${day}: ${output}`).toBe(0);
      outputs.push(output);
      const result = JSON.parse(output) as { districts: { outcome: string; actions: { outcome: string }[] }[] };
      if (result.districts[0]?.outcome !== 'unchanged') appliedDays.push(day);
      expect(result.districts[0]?.actions.every((action) => action.outcome === 'done'), `${day}: ${output}`).toBe(true);
      store ??= await openStateStore(repo.state, { cwd: repo.dir });
      const link = await linkCredential();
      expect(await tokenAccepted(sandbox, link.key, link.secret), `${day}: the token endpoint refused ${link.record}`).toBe(true);
      if (link.record !== previous) switches.push(`${day} ${link.record}`);
      previous = link.record;
    }
    expect(switches).toEqual(['2025-07-01 Google Classroom 2026', '2026-06-01 Google Classroom 2027', '2027-06-01 Google Classroom 2028', '2028-06-01 Google Classroom 2029']);
    // Idle days do nothing: only the first link, three rotations and two retirements apply anything.
    expect(appliedDays).toEqual(['2025-07-01', '2026-06-01', '2026-07-02', '2027-06-01', '2027-07-02', '2028-06-01']);

    const records = sandbox.accessRecords.list().filter((record) => !record.builtIn);
    expect(records.map((record) => [record.name, record.isActive])).toEqual([
      ['Google Classroom 2026', false],
      ['Google Classroom 2027', false],
      ['Google Classroom 2028', true],
      ['Google Classroom 2029', true],
    ]);
    expect(records.map((record) => [record.effectiveDate, record.expirationDate])).toEqual([
      ['2025-06-01', '2026-07-01'], ['2026-06-01', '2027-07-01'], ['2027-06-01', '2028-06-30'], ['2028-06-01', '2029-07-01'],
    ]);

    const events = await auditEvents(repo);
    const story = events
      .filter((event) => String(event.event).startsWith('rotation.'))
      .map((event) => `${(event.details as { at: string }).at.slice(0, 10)} ${String(event.event)} ${String(event.outcome)} ${(event.details as { record: string }).record}`);
    const year = (date: string, record: string) => [
      `${date} rotation.create done ${record}`,
      `${date} rotation.secret-stored done ${record}`,
      `${date} rotation.test passed ${record}`,
      `${date} rotation.promote done ${record}`,
    ];
    expect(story).toEqual([
      ...year('2026-06-01', 'Google Classroom 2027'),
      '2026-07-02 rotation.retire done Google Classroom 2026',
      ...year('2027-06-01', 'Google Classroom 2028'),
      '2027-07-02 rotation.retire done Google Classroom 2027',
      ...year('2028-06-01', 'Google Classroom 2029'),
    ]);
    let verified = '';
    expect(await runAuditVerify({ file: join(repo.dir, '.sislink', 'audit.log'), write: (text) => (verified += text) })).toBe(0);

    // No generated secret leaks into outputs, the audit log or the state store.
    const stored = await readdir(join(repo.dir, 'secrets', 'rotation'));
    const secrets = await Promise.all(stored.filter((name) => !name.startsWith('.')).map((name) => readFile(join(repo.dir, 'secrets', 'rotation', name), 'utf8')));
    expect(secrets).toHaveLength(3);
    const stateFiles = await readdir(join(repo.dir, '.sislink'));
    const haystacks = [...outputs, ...(await Promise.all(stateFiles.map((name) => readFile(join(repo.dir, '.sislink', name), 'latin1'))))];
    expect(stateFiles).toEqual(expect.arrayContaining(['audit.log', 'state.db']));
    for (const secret of secrets) for (const text of haystacks) expect(text.includes(secret)).toBe(false);

    let text = '';
    const report = await runCredentialsStatus({ paths: ['districts'], cwd: repo.dir, state: repo.state, now: new Date('2028-06-30T17:00:00Z'), format: 'text', write: (chunk) => (text += chunk) });
    expect(report.ok).toBe(true);
    expect(report.districts[0]?.records.map((record) => [record.name, record.state])).toEqual([
      ['Google Classroom 2026', 'retired'], ['Google Classroom 2027', 'retired'], ['Google Classroom 2028', 'previous'], ['Google Classroom 2029', 'current'],
    ]);
    expect(report.districts[0]?.coveredThrough).toBe('2029-07-01');
    expect(text).toContain('next rollover 2028-07-01');
  }, 900_000);
});

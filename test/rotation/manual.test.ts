/**
 * The manual provider end to end: instructions handed out once, a person creates the record and
 * stores its secret where told, and sislink continues by itself (test, promote, retire steps).
 */
import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runPlan } from '../../src/commands/plan.js';
import { runCredentialsStatus } from '../../src/rotation/status-run.js';
import { auditEvents, createSandboxRecord, reconcileOnClock, useRotationWorld } from './helpers.js';

const world = useRotationWorld('2026-04-01T17:00:00Z', { provider: 'manual' });

async function at(iso: string) {
  const result = await reconcileOnClock(world, iso);
  expect(result.code, result.output).toBe(0);
  return JSON.parse(result.output) as { districts: { outcome: string; actions: { id: string; outcome: string }[] }[] };
}

async function plan(iso: string): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await runPlan({ paths: ['districts'], cwd: world.repo.dir, state: world.repo.state, now: new Date(iso), format: 'text', detailedExitcode: true, write: (chunk) => (text += chunk) });
  return { code, text };
}

async function status(iso: string, warningDays?: number) {
  return runCredentialsStatus({ paths: ['districts'], cwd: world.repo.dir, state: world.repo.state, now: new Date(iso), format: 'json', write: () => undefined, ...(warningDays === undefined ? {} : { warningDays }) });
}

describe('manual access-record provider', () => {
  it('hands out instructions, then tests and promotes by itself once the secret resolves', async () => {
    await at('2026-04-01T17:00:00Z');
    const early = await plan('2026-04-15T17:00:00Z');
    expect(early.code).toBe(0);
    expect(early.text).not.toContain('rotate');

    const due = await plan('2026-05-02T17:00:00Z');
    expect(due.code).toBe(2);
    expect(due.text).toContain('* rotate instruct credential.maple["Google Classroom 2027"]');
    expect(due.text).toContain('Make it valid from 2026-06-01 through 2027-07-01');
    expect(due.text).toContain('file:../secrets/rotation/maple-google-classroom-2027');
    expect((await at('2026-05-02T17:00:00Z')).districts[0]?.actions.map((action) => action.id)).toEqual(['rotate:instruct:Google Classroom 2027']);
    // Handed out once: later plans show it as waiting, which is not a change.
    const waiting = await plan('2026-05-03T17:00:00Z');
    expect(waiting.code).toBe(0);
    expect(waiting.text).toContain('(waiting for a person)');
    expect((await status('2026-05-03T17:00:00Z')).districts[0]?.records.map((record) => [record.name, record.state])).toEqual([
      ['Google Classroom 2026', 'current'], ['Google Classroom 2027', 'pending'],
    ]);

    // The person follows the instructions: creates the record and stores its secret where told.
    const secret = await createSandboxRecord(world.sandbox, { name: 'Google Classroom 2027', key: 'GOOGLE2027', effective: '2026-06-01', expiration: '2027-07-01' });
    await mkdir(join(world.repo.dir, 'secrets', 'rotation'), { recursive: true, mode: 0o700 });
    await writeFile(join(world.repo.dir, 'secrets', 'rotation', 'maple-google-classroom-2027'), secret, { mode: 0o600 });
    // Not effective yet: nothing to test before 2026-06-01.
    expect((await at('2026-05-20T17:00:00Z')).districts[0]?.outcome).toBe('unchanged');
    // 30 days of warning horizon: the 2026 record alone covers 43 days on 2026-05-20, 22 on 2026-06-10 without the new one.
    expect((await status('2026-05-20T17:00:00Z')).ok).toBe(true);
    expect((await status('2026-05-20T17:00:00Z', 60)).ok).toBe(false);

    const promoted = await at('2026-06-01T17:00:00Z');
    expect(promoted.districts[0]?.actions.map((action) => `${action.id} ${action.outcome}`)).toEqual([
      'rotate:test:Google Classroom 2027 done',
      'rotate:promote:Google Classroom 2027 done',
    ]);
    const after = await status('2026-06-10T17:00:00Z');
    expect(after.ok).toBe(true);
    expect(after.districts[0]?.activeRecord).toBe('Google Classroom 2027');
    expect(after.districts[0]?.coveredThrough).toBe('2027-07-01');

    const retire = await plan('2026-07-02T17:00:00Z');
    expect(retire.text).toContain('* rotate retire credential.maple["Google Classroom 2026"]: expired after 2026-07-01');
    await at('2026-07-02T17:00:00Z');
    expect((await plan('2026-07-03T17:00:00Z')).code).toBe(0);
    const events = (await auditEvents(world.repo)).map((event) => `${String(event.event)} ${String(event.outcome)}`).filter((line) => line.startsWith('rotation.'));
    expect(events).toEqual(['rotation.instruct handed-out', 'rotation.test passed', 'rotation.promote done', 'rotation.retire handed-out']);
  });
});

/**
 * A link whose only access record expired yesterday, with the manual provider: the plan keeps the
 * error and says exactly what a person must create; once the person stored the secret where told,
 * the plan recovers the link and apply tests and promotes the record.
 */
import { describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runApply } from '../../src/commands/apply.js';
import { runPlan } from '../../src/commands/plan.js';
import type { Plan, RotateAction } from '../../src/plan/types.js';
import { auditEvents, createSandboxRecord, linkWorks, reconcileOnClock, useRotationWorld } from './helpers.js';

const world = useRotationWorld('2026-04-01T17:00:00Z', { provider: 'manual' });
const LATE = '2026-07-02T17:00:00Z';

async function planAt(iso: string, format: 'json' | 'text' = 'json'): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await runPlan({ paths: ['districts'], cwd: world.repo.dir, state: world.repo.state, now: new Date(iso), format, detailedExitcode: true, write: (chunk) => (text += chunk) });
  return { code, text };
}

async function applyAt(iso: string): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await runApply({ targets: ['districts'], cwd: world.repo.dir, state: world.repo.state, now: new Date(iso), autoApprove: true, write: (chunk) => (text += chunk) });
  return { code, text };
}

function districtOf(text: string) {
  const district = (JSON.parse(text) as Plan).districts[0];
  if (district === undefined) throw new Error('no district in the plan');
  return district;
}

describe('recovering a link whose record expired (manual provider)', () => {
  it('keeps the error with the instructions, then recovers once the person stored the secret', async () => {
    expect((await reconcileOnClock(world, '2026-04-01T17:00:00Z')).code).toBe(0);
    world.sandbox.setClock(new Date(LATE));
    expect(await linkWorks(world)).toEqual({ record: 'Google Classroom 2026', works: false });

    const broken = await planAt(LATE);
    expect(broken.code).toBe(1);
    const district = districtOf(broken.text);
    expect(district.errors.map((error) => error.code)).toEqual(['NO_CURRENT_RECORD']);
    expect(district.errors[0]?.message).toContain('the link uses access record "Google Classroom 2026", which expired after 2026-07-01');
    expect(district.errors[0]?.message).toContain('a person must create access record "Google Classroom 2027" now and store its secret at file:../secrets/rotation/maple-google-classroom-2027');
    expect(district.actions.map((action) => action.id)).toEqual(['rotate:instruct:Google Classroom 2027']);
    const instruct = district.actions[0] as RotateAction;
    expect(instruct).toMatchObject({ key: 'GOOGLE2027', effective: '2026-06-01', expiration: '2027-07-01', deadline: '2026-07-02', pending: false });
    const text = await planAt(LATE, 'text');
    expect(text.text).toContain('error NO_CURRENT_RECORD: the link uses access record "Google Classroom 2026"');
    expect(text.text).toContain('* rotate instruct credential.maple["Google Classroom 2027"]');
    expect(text.text).toContain('Do this by 2026-07-02: create the access record "Google Classroom 2027"');
    expect(text.text).toContain('The record in use today stops working after 2026-07-01.');
    // A district in error is not applied: nothing changes, the error is reported.
    const refused = await applyAt(LATE);
    expect(refused.code).toBe(1);
    expect(refused.text).toContain('NO_CURRENT_RECORD');
    expect(await linkWorks(world)).toEqual({ record: 'Google Classroom 2026', works: false });

    // The person follows the instructions; no apply recorded that they were handed out.
    const secret = await createSandboxRecord(world.sandbox, { name: 'Google Classroom 2027', key: 'GOOGLE2027', effective: '2026-06-01', expiration: '2027-07-01' });
    await mkdir(join(world.repo.dir, 'secrets', 'rotation'), { recursive: true, mode: 0o700 });
    await writeFile(join(world.repo.dir, 'secrets', 'rotation', 'maple-google-classroom-2027'), secret, { mode: 0o600 });

    const recovering = districtOf((await planAt(LATE)).text);
    expect(recovering.errors).toEqual([]);
    expect(recovering.warnings[0]?.code).toBe('LINK_CREDENTIAL_EXPIRED');
    expect(recovering.actions.map((action) => action.id)).toEqual([
      'rotate:test:Google Classroom 2027', 'rotate:promote:Google Classroom 2027', 'rotate:retire:Google Classroom 2026',
    ]);
    const applied = await applyAt(LATE);
    expect(applied.code, applied.text).toBe(0);
    expect(applied.text).toContain('maple: applied (verified: no changes left)');
    expect(await linkWorks(world)).toEqual({ record: 'Google Classroom 2027', works: true });
    const clean = await planAt(LATE);
    expect(clean.code, clean.text).toBe(0);
    expect(districtOf(clean.text).actions.map((action) => action.kind)).toEqual(['no-op']);

    const events = (await auditEvents(world.repo)).map((event) => `${String(event.event)} ${String(event.outcome)}`).filter((line) => line.startsWith('rotation.'));
    expect(events).toEqual(['rotation.test passed', 'rotation.promote done', 'rotation.retire handed-out']);
  });
});

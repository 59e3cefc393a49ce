/**
 * A link whose only access record expired yesterday (no run happened during the overlap): with a
 * provider that can create records, the plan says the link is broken and recovers it, and apply
 * creates, tests and promotes a record covering today, then retires the expired one.
 */
import { describe, expect, it } from 'vitest';
import { runApply } from '../../src/commands/apply.js';
import { runPlan } from '../../src/commands/plan.js';
import type { Plan } from '../../src/plan/types.js';
import { linkWorks, reconcileOnClock, rotationStory, useRotationWorld } from './helpers.js';

const world = useRotationWorld('2026-04-01T17:00:00Z');
const LATE = '2026-07-02T17:00:00Z';

async function planAt(iso: string, format: 'json' | 'text' = 'json', out?: string): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await runPlan({
    paths: ['districts'], cwd: world.repo.dir, state: world.repo.state, now: new Date(iso), format, detailedExitcode: true,
    write: (chunk) => (text += chunk), ...(out === undefined ? {} : { out }),
  });
  return { code, text };
}

async function applyAt(iso: string, targets: string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await runApply({ targets, cwd: world.repo.dir, state: world.repo.state, now: new Date(iso), autoApprove: true, write: (chunk) => (text += chunk) });
  return { code, text };
}

describe('recovering a link whose record expired (sandbox-http provider)', () => {
  it('plans the recovery with a warning, and apply brings the link back', async () => {
    expect((await reconcileOnClock(world, '2026-04-01T17:00:00Z')).code).toBe(0);
    expect(await linkWorks(world)).toEqual({ record: 'Google Classroom 2026', works: true });
    // No run during the overlap: on 2026-07-02 the link's record expired yesterday.
    world.sandbox.setClock(new Date(LATE));
    expect(await linkWorks(world)).toEqual({ record: 'Google Classroom 2026', works: false });

    const planned = await planAt(LATE, 'json', 'recovery.plan.json');
    expect(planned.code).toBe(2);
    const district = (JSON.parse(planned.text) as Plan).districts[0];
    expect(district?.errors).toEqual([]);
    expect(district?.warnings[0]?.code).toBe('LINK_CREDENTIAL_EXPIRED');
    expect(district?.warnings[0]?.message).toContain('the link uses access record "Google Classroom 2026", which expired after 2026-07-01');
    expect(district?.warnings[0]?.message).toContain('apply recovers it with the rotation steps create -> secret -> test -> promote of "Google Classroom 2027"');
    expect(district?.actions.map((action) => action.id)).toEqual([
      'rotate:create:Google Classroom 2027',
      'rotate:secret:Google Classroom 2027',
      'rotate:test:Google Classroom 2027',
      'rotate:promote:Google Classroom 2027',
      'rotate:retire:Google Classroom 2026',
    ]);
    // A record covering today: the policy's window for the current school year.
    expect(district?.actions[0]).toMatchObject({ key: 'GOOGLE2027', effective: '2026-06-01', expiration: '2027-07-01' });
    const text = await planAt(LATE, 'text');
    expect(text.text).toContain('warning LINK_CREDENTIAL_EXPIRED: the link uses access record "Google Classroom 2026"');
    expect(text.text).not.toContain('error ');

    // The saved plan is what gets applied.
    const applied = await applyAt(LATE, ['recovery.plan.json']);
    expect(applied.code, applied.text).toBe(0);
    expect(applied.text).toContain('maple: applied (verified: no changes left)');
    expect(await linkWorks(world)).toEqual({ record: 'Google Classroom 2027', works: true });
    const records = world.sandbox.accessRecords.list().filter((record) => !record.builtIn);
    expect(records.map((record) => [record.name, record.isActive, record.effectiveDate, record.expirationDate])).toEqual([
      ['Google Classroom 2026', false, '2025-06-01', '2026-07-01'],
      ['Google Classroom 2027', true, '2026-06-01', '2027-07-01'],
    ]);

    const clean = await planAt(LATE);
    expect(clean.code, clean.text).toBe(0);
    const after = (JSON.parse(clean.text) as Plan).districts[0];
    expect(after?.actions.map((action) => action.kind)).toEqual(['no-op']);
    expect(after?.warnings).toEqual([]);
    expect(after?.errors).toEqual([]);
    expect((await planAt('2026-07-03T17:00:00Z')).code).toBe(0);

    expect(await rotationStory(world.repo)).toEqual([
      'rotation.create done Google Classroom 2027',
      'rotation.secret-stored done Google Classroom 2027',
      'rotation.test passed Google Classroom 2027',
      'rotation.promote done Google Classroom 2027',
      'rotation.retire done Google Classroom 2026',
    ]);
  });
});

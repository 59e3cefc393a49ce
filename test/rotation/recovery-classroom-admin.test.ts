/**
 * A link whose only access record expired yesterday, with Google's built-in link (no API): apply
 * creates and tests a record covering today and hands out the console step that names it; the link
 * moves only when a person attests that step, and the expired record is retired after that.
 */
import { describe, expect, it } from 'vitest';
import { runApply } from '../../src/commands/apply.js';
import { runPlan } from '../../src/commands/plan.js';
import type { Plan } from '../../src/plan/types.js';
import { attestAll, credentialsAt, pendingSteps, reconcileOnClock, rotationStory, useRotationWorld } from './helpers.js';

const world = useRotationWorld('2026-04-01T17:00:00Z', { target: 'classroom-admin' });
const LATE = '2026-07-02T17:00:00Z';

async function planAt(iso: string): Promise<{ code: number; district: Plan['districts'][number] }> {
  let text = '';
  const code = await runPlan({ paths: ['districts'], cwd: world.repo.dir, state: world.repo.state, now: new Date(iso), format: 'json', detailedExitcode: true, write: (chunk) => (text += chunk) });
  const district = (JSON.parse(text) as Plan).districts[0];
  if (district === undefined) throw new Error('no district in the plan');
  return { code, district };
}

async function applyAt(iso: string): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await runApply({ targets: ['districts'], cwd: world.repo.dir, state: world.repo.state, now: new Date(iso), autoApprove: true, write: (chunk) => (text += chunk) });
  return { code, text };
}

describe('recovering an expired link with the classroom-admin target', () => {
  it('creates and tests a record, moves the link only on attestation, then retires the expired one', async () => {
    expect((await reconcileOnClock(world, '2026-04-01T17:00:00Z')).code).toBe(0);
    await attestAll(world, '2026-04-01T18:00:00Z');
    expect((await credentialsAt(world, '2026-04-01T18:00:00Z'))?.activeRecord).toBe('Google Classroom 2026');
    // No run during the overlap: on 2026-07-02 the console link's record expired yesterday.
    world.sandbox.setClock(new Date(LATE));

    const planned = await planAt(LATE);
    expect(planned.code).toBe(2);
    expect(planned.district.errors).toEqual([]);
    expect(planned.district.warnings.map((warning) => warning.code)).toEqual(['LINK_CREDENTIAL_EXPIRED']);
    expect(planned.district.actions.map((action) => action.id)).toEqual([
      'rotate:create:Google Classroom 2027',
      'rotate:secret:Google Classroom 2027',
      'rotate:test:Google Classroom 2027',
      'rotate:promote:Google Classroom 2027',
      'rotate:retire:Google Classroom 2026',
    ]);

    const applied = await applyAt(LATE);
    expect(applied.code, applied.text).toBe(0);
    // The new record works; the console still holds the expired one until a person re-links it.
    expect(world.sandbox.accessRecords.findByKey('GOOGLE2027')?.isActive).toBe(true);
    expect(world.sandbox.accessRecords.findByKey('GOOGLE2026')?.isActive).toBe(true);
    const [step] = await pendingSteps(world);
    expect(step?.title).toContain('Re-link Classroom');
    expect(step?.values['Access key']).toBe('GOOGLE2027');
    expect(step?.values.Secret).toMatch(/^\(read it from file:\.\.\/secrets\/rotation\/maple-google-classroom-2027-[0-9a-f]{8}\)$/);
    const waiting = await credentialsAt(world, LATE);
    expect(waiting?.activeRecord).toBe('Google Classroom 2026');
    expect(waiting?.records.map((record) => [record.name, record.state])).toEqual([['Google Classroom 2026', 'expired'], ['Google Classroom 2027', 'pending']]);
    expect(waiting).toMatchObject({ ok: false, warnings: ['the link uses access record "Google Classroom 2026", which expired after 2026-07-01: it no longer works until it moves to a current record'] });
    // Until then the plan waits for the person: nothing to apply again, the step is not handed out twice.
    const meanwhile = await planAt('2026-07-02T17:30:00Z');
    expect(meanwhile.district.warnings.map((warning) => warning.message)).toEqual([
      `the link uses access record "Google Classroom 2026", which expired after 2026-07-01: the link no longer works until a person does console step ${step?.id ?? '?'} (re-link with "Google Classroom 2027"), then runs sislink attest maple ${step?.id ?? '?'}`,
    ]);
    expect(meanwhile.district.actions.filter((action) => action.kind === 'manual').map((action) => action.kind === 'manual' && action.pending)).toEqual([true]);
    expect(meanwhile.district.actions.filter((action) => action.kind === 'rotate' && !action.pending).map((action) => action.id)).toEqual([]);
    expect((await applyAt('2026-07-02T17:30:00Z')).code).toBe(0);
    expect(await pendingSteps(world)).toHaveLength(1);
    expect(world.sandbox.accessRecords.findByKey('GOOGLE2026')?.isActive).toBe(true);

    await attestAll(world, '2026-07-02T18:00:00Z');
    expect(await credentialsAt(world, '2026-07-02T18:00:00Z')).toMatchObject({ activeRecord: 'Google Classroom 2027', ok: true, warnings: [] });
    expect((await reconcileOnClock(world, '2026-07-03T17:00:00Z')).code).toBe(0);
    expect(world.sandbox.accessRecords.findByKey('GOOGLE2026')?.isActive).toBe(false);
    expect((await planAt('2026-07-03T18:00:00Z')).district.actions.map((action) => action.id)).toEqual(['noop:link.maple']);
    expect(await rotationStory(world.repo)).toEqual([
      'rotation.create done Google Classroom 2027',
      'rotation.secret-stored done Google Classroom 2027',
      'rotation.test passed Google Classroom 2027',
      'rotation.promote handed-out Google Classroom 2027',
      'rotation.retire skipped Google Classroom 2026',
      'rotation.retire done Google Classroom 2026',
    ]);
  });
});

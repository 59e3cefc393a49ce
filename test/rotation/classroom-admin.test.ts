/** Google's built-in link has no API: promotion hands out a console step naming the new secret's reference. */
import { describe, expect, it } from 'vitest';
import { attestAll, auditEvents, credentialsAt, pendingSteps, reconcileOnClock, useRotationWorld } from './helpers.js';

const world = useRotationWorld('2026-05-31T17:00:00Z', { target: 'classroom-admin' });

async function at(iso: string) {
  const result = await reconcileOnClock(world, iso);
  expect(result.code, result.output).toBe(0);
}

describe('rotation with the classroom-admin link target', () => {
  it('moves the console link only when a person attests the step that names the new secret reference', async () => {
    await at('2026-05-31T17:00:00Z');
    await attestAll(world, '2026-05-31T18:00:00Z');
    expect((await credentialsAt(world, '2026-05-31T18:00:00Z'))?.activeRecord).toBe('Google Classroom 2026');

    const promoting = await reconcileOnClock(world, '2026-06-01T17:00:00Z');
    expect(promoting.code, promoting.output).toBe(0);
    const [step] = await pendingSteps(world);
    expect(step?.title).toContain('Re-link Classroom');
    // The promotion is reported as handed out, with the step a person must do, not as done.
    const [district] = (JSON.parse(promoting.output) as { districts: { actions: { kind: string; outcome: string; stepId?: string }[] }[] }).districts;
    const promotion = district?.actions.filter((action) => action.stepId !== undefined);
    expect(promotion).toEqual([expect.objectContaining({ kind: 'rotate', outcome: 'handed-out', stepId: step?.id })]);
    expect(step?.values['Access key']).toBe('GOOGLE2027');
    expect(step?.values.Secret).toMatch(/^\(read it from file:\.\.\/secrets\/rotation\/maple-google-classroom-2027-[0-9a-f]{8}\)$/);
    const waiting = await credentialsAt(world, '2026-06-02T17:00:00Z');
    expect(waiting?.activeRecord).toBe('Google Classroom 2026');
    expect(waiting?.records.map((record) => [record.name, record.state])).toEqual([['Google Classroom 2026', 'current'], ['Google Classroom 2027', 'pending']]);

    await attestAll(world, '2026-06-02T18:00:00Z');
    const moved = await credentialsAt(world, '2026-06-02T18:00:00Z');
    expect(moved?.activeRecord).toBe('Google Classroom 2027');
    await at('2026-07-02T17:00:00Z');
    expect(world.sandbox.accessRecords.findByKey('GOOGLE2026')?.isActive).toBe(false);
    const promote = (await auditEvents(world.repo)).filter((event) => event.event === 'rotation.promote');
    expect(promote.map((event) => event.outcome)).toEqual(['handed-out']);
    const consoleSteps = (await auditEvents(world.repo)).filter((event) => event.event === 'action.applied' && event.action === 'manual');
    expect(consoleSteps.map((event) => event.outcome)).toEqual(['handed-out', 'handed-out']);
  });
});

/**
 * Recovering an expired link when the replacement record fails its test: the link is not
 * promoted, the expired record it uses is not retired, the error comes back while the test backs
 * off, and a later run recovers once the record works.
 */
import { describe, expect, it } from 'vitest';
import { runApply } from '../../src/commands/apply.js';
import { runPlan } from '../../src/commands/plan.js';
import type { Plan } from '../../src/plan/types.js';
import { createSandboxRecord, linkWorks, reconcileOnClock, rotationStory, useRotationWorld } from './helpers.js';

const world = useRotationWorld('2026-04-01T17:00:00Z');
const LATE = '2026-07-02T17:00:00Z';

async function planAt(iso: string): Promise<Plan> {
  let text = '';
  await runPlan({ paths: ['districts'], cwd: world.repo.dir, state: world.repo.state, now: new Date(iso), format: 'json', detailedExitcode: false, write: (chunk) => (text += chunk) });
  return JSON.parse(text) as Plan;
}

async function applyAt(iso: string): Promise<{ code: number; text: string }> {
  let text = '';
  world.sandbox.setClock(new Date(iso));
  const code = await runApply({ targets: ['districts'], cwd: world.repo.dir, state: world.repo.state, now: new Date(iso), autoApprove: true, write: (chunk) => (text += chunk) });
  return { code, text };
}

describe('recovering an expired link whose replacement fails its test', () => {
  it('neither promotes nor retires, then recovers once the record works', async () => {
    expect((await reconcileOnClock(world, '2026-04-01T17:00:00Z')).code).toBe(0);
    world.sandbox.setClock(new Date(LATE));
    // Someone created next year's record at the SIS, but the SIS refuses its tokens.
    await createSandboxRecord(world.sandbox, { name: 'Google Classroom 2027', key: 'GOOGLE2027', effective: '2026-06-01', expiration: '2027-07-01' });
    const record = world.sandbox.accessRecords.findByKey('GOOGLE2027');
    if (record === undefined) throw new Error('record missing');
    record.rejectTokens = true;

    const recovery = (await planAt(LATE)).districts[0];
    expect(recovery?.warnings[0]?.code).toBe('LINK_CREDENTIAL_EXPIRED');
    expect(recovery?.actions.map((action) => action.id)).toEqual([
      'rotate:adopt:Google Classroom 2027', 'rotate:secret:Google Classroom 2027', 'rotate:test:Google Classroom 2027',
      'rotate:promote:Google Classroom 2027', 'rotate:retire:Google Classroom 2026',
    ]);
    const failed = await applyAt(LATE);
    expect(failed.text).toContain('failed, the link keeps its credential');
    expect(failed.text).toContain('(verification: changes or errors remain)');
    expect(await linkWorks(world)).toEqual({ record: 'Google Classroom 2026', works: false });
    expect(world.sandbox.accessRecords.findByKey('GOOGLE2026')?.isActive).toBe(true);

    // Within the backoff nothing recovers the link: the error is back, with the reason.
    const waiting = (await planAt('2026-07-02T17:30:00Z')).districts[0];
    expect(waiting?.errors.map((error) => error.code)).toEqual(['NO_CURRENT_RECORD']);
    expect(waiting?.errors[0]?.message).toContain('the replacement record failed its test');
    expect(waiting?.actions).toEqual([]);

    record.rejectTokens = false;
    const retried = await applyAt('2026-07-02T18:00:00Z');
    expect(retried.code, retried.text).toBe(0);
    expect(await linkWorks(world)).toEqual({ record: 'Google Classroom 2027', works: true });
    expect(world.sandbox.accessRecords.findByKey('GOOGLE2026')?.isActive).toBe(false);
    expect((await planAt('2026-07-02T18:00:00Z')).districts[0]?.actions.map((action) => action.kind)).toEqual(['no-op']);

    const story = (await rotationStory(world.repo)).filter((line) => /^rotation\.(test|promote|retire) /.test(line));
    expect(story).toEqual([
      'rotation.test failed Google Classroom 2027',
      'rotation.retire skipped Google Classroom 2026',
      'rotation.test passed Google Classroom 2027',
      'rotation.promote done Google Classroom 2027',
      'rotation.retire done Google Classroom 2026',
    ]);
  });
});

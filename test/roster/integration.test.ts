import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlan } from '../../src/commands/plan.js';
import { runReconcile } from '../../src/commands/reconcile.js';
import { expectedRoster, makeRosterWorld, NOW, type RosterWorld } from './helpers.js';

let world: RosterWorld;
beforeAll(async () => {
  world = await makeRosterWorld({}, 'tiny');
});
afterAll(async () => world.close());

async function capture(run: (write: (text: string) => void) => Promise<number>): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await run((text) => (out += text));
  return { code, out };
}

describe('roster import inside plan and reconcile', () => {
  it('shows the roster plan in `sislink plan` and counts it as a change', async () => {
    const common = { paths: ['districts'], state: world.state, now: NOW, cwd: world.repo.dir };
    const plan = await capture((write) => runPlan({ ...common, format: 'text', detailedExitcode: true, write }));
    expect(plan.code).toBe(2);
    expect(plan.out).toContain('no-op link.maple');
    expect(plan.out).toMatch(/Plan: 4 to create, 0 to update, 0 teacher and \d+ student adds/);
  });

  it('imports the roster on reconcile, then plans nothing', async () => {
    const common = { paths: ['districts'], state: world.state, now: NOW, cwd: world.repo.dir };
    const reconcile = await capture((write) => runReconcile({ ...common, format: 'json', write }));
    expect(reconcile.code).toBe(0);
    const report = JSON.parse(reconcile.out) as { rosters: { outcome: string }[] };
    expect(report.rosters.map((roster) => roster.outcome)).toEqual(['applied']);
    expect(world.sandbox.classroom!.store.courses.size).toBe(expectedRoster(world.sandbox).size);
    const plan = await capture((write) => runPlan({ ...common, format: 'text', detailedExitcode: true, write }));
    expect(plan.code).toBe(0);
  });
});

/** A new record whose test fails is never promoted; the old one keeps working; retries back off. */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openStateStore } from '../../src/state/open.js';
import { runPlan } from '../../src/commands/plan.js';
import type { Plan } from '../../src/plan/types.js';
import { loadManaged } from '../../src/rotation/state.js';
import { auditEvents, createSandboxRecord, reconcileOnClock, tokenAccepted, useRotationWorld } from './helpers.js';

const world = useRotationWorld('2026-05-31T17:00:00Z');

async function at(iso: string) {
  return reconcileOnClock(world, iso);
}

async function linkWorks(): Promise<{ record: string | null; works: boolean }> {
  const store = await openStateStore(world.repo.state, { cwd: world.repo.dir });
  try {
    const link = await store.getLink('maple');
    if (link === undefined) return { record: null, works: false };
    const secret = await readFile(join(world.repo.dir, 'districts', link.secretRef.slice('file:'.length)), 'utf8');
    return { record: link.activeRecord, works: await tokenAccepted(world.sandbox, link.key, secret.trim()) };
  } finally {
    await store.close();
  }
}

async function managedTest() {
  const store = await openStateStore(world.repo.state, { cwd: world.repo.dir });
  try {
    return (await loadManaged(store, 'maple'))['Google Classroom 2027']?.test ?? null;
  } finally {
    await store.close();
  }
}

async function planAt(iso: string): Promise<Plan> {
  let text = '';
  await runPlan({ paths: ['districts'], cwd: world.repo.dir, state: world.repo.state, now: new Date(iso), format: 'json', detailedExitcode: false, write: (chunk) => (text += chunk) });
  return JSON.parse(text) as Plan;
}

function rotationTests(events: Record<string, unknown>[]): string[] {
  return events.filter((event) => event.event === 'rotation.test').map((event) => `${(event.details as { at: string }).at} ${String(event.outcome)}`);
}

describe('a rotation whose credential test fails', () => {
  it('keeps the old credential, reports the failure and retries with backoff', async () => {
    expect((await at('2026-05-31T17:00:00Z')).code).toBe(0);
    // The vendor side refuses the new record's tokens (as if it were misconfigured).
    const refused = world.sandbox.accessRecords;
    await createSandboxRecord(world.sandbox, { name: 'Google Classroom 2027', key: 'GOOGLE2027', effective: '2026-06-01', expiration: '2027-07-01' });
    const record = refused.findByKey('GOOGLE2027');
    if (record === undefined) throw new Error('record missing');
    record.rejectTokens = true;

    const first = await at('2026-06-01T17:00:00Z');
    expect(first.code).toBe(0);
    expect(first.output).toContain('failed, the link keeps its credential');
    expect(await linkWorks()).toEqual({ record: 'Google Classroom 2026', works: true });
    expect(world.sandbox.accessRecords.list().filter((candidate) => candidate.name === 'Google Classroom 2027')).toHaveLength(1);
    const failed = await managedTest();
    expect(failed).toMatchObject({ ok: false, failures: 1, nextAttempt: '2026-06-01T18:00:00.000Z' });

    // Within the backoff: reported in the plan, not retried.
    const plan = await planAt('2026-06-01T17:30:00Z');
    const district = plan.districts[0];
    expect(district?.warnings.map((warning) => warning.code)).toContain('ROTATION_TEST_FAILED');
    expect(district?.actions.some((action) => action.kind === 'rotate' && action.step === 'test')).toBe(false);
    expect(district?.actions.some((action) => action.kind === 'update')).toBe(false);
    expect((await at('2026-06-01T17:30:00Z')).output).toContain('"outcome": "unchanged"');

    // Next run: retried, still refused, the backoff doubles.
    expect((await at('2026-06-02T17:00:00Z')).code).toBe(0);
    expect(await managedTest()).toMatchObject({ ok: false, failures: 2, nextAttempt: '2026-06-02T19:00:00.000Z' });
    expect(await linkWorks()).toEqual({ record: 'Google Classroom 2026', works: true });

    // Fixed at the vendor: the next due run tests it, and only then switches the link.
    record.rejectTokens = false;
    expect((await at('2026-06-02T18:00:00Z')).output).toContain('"outcome": "unchanged"');
    expect(await linkWorks()).toEqual({ record: 'Google Classroom 2026', works: true });
    expect((await at('2026-06-03T17:00:00Z')).code).toBe(0);
    expect(await linkWorks()).toEqual({ record: 'Google Classroom 2027', works: true });

    const events = await auditEvents(world.repo);
    expect(rotationTests(events)).toEqual(['2026-06-01T17:00:00.000Z failed', '2026-06-02T17:00:00.000Z failed', '2026-06-03T17:00:00.000Z passed']);
    expect(events.filter((event) => event.event === 'rotation.adopt')).toHaveLength(1);
    expect(events.filter((event) => event.event === 'rotation.create')).toHaveLength(0);
    const promotions = events.filter((event) => event.event === 'rotation.promote');
    expect(promotions.map((event) => (event.details as { at: string }).at)).toEqual(['2026-06-03T17:00:00.000Z']);
  });
});

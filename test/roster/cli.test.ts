import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BIN } from '../helpers/cli.js';
import { loadDistrictsOrThrow } from '../../src/config/load.js';
import { rosterPlanSection } from '../../src/jobs/roster/index.js';
import { openStateStore } from '../../src/state/open.js';
import { makeRosterWorld, NOW, SECRET, type RosterWorld } from './helpers.js';

const MAIN = fileURLToPath(new URL('../../dist/cmd/main.js', import.meta.url));
const CLI = readFileSync(MAIN, 'utf8').includes('makeRosterCommand') ? BIN : fileURLToPath(new URL('./cli-entry.mjs', import.meta.url));

let world: RosterWorld;
beforeAll(async () => {
  world = await makeRosterWorld({ removeUnenrolled: false }, 'tiny');
});
afterAll(async () => world.close());

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--now', NOW.toISOString(), '--state', world.state, ...args], { cwd: world.repo.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('sislink roster (built CLI)', () => {
  it('plan shows the courses to create with owner, section and room; --detailed-exitcode says 2', async () => {
    const plan = await cli('roster', 'plan', 'districts', '--detailed-exitcode');
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('maple / roster: roster import (plan), today 2026-09-01, current terms: Fall 2026');
    expect(plan.stdout).toMatch(/\+ create course ".+" \(section \S+, room Room \d+\) owner \S+@/);
    expect(plan.stdout).toMatch(/\+ student \S+@/);
    expect(world.sandbox.classroom!.store.courses.size).toBe(0);
  });

  it('apply prints a summary, then plan says no changes (exit 0); no secret appears in any output', async () => {
    const applied = await cli('roster', 'apply', 'districts');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/applied: \d+ \(\d+ courses created, 0 already done\), failed 0, skipped 0, users not found 0/);
    const plan = await cli('roster', 'plan', 'districts', '--detailed-exitcode');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('No changes. Classroom matches the SIS roster.');
    const key = world.sandbox.classroomServiceAccountKey!.private_key.split('\n')[1]!;
    for (const output of [applied.stdout, applied.stderr, plan.stdout, plan.stderr]) {
      expect(output).not.toContain(SECRET);
      expect(output).not.toContain(key);
    }
  });

  it('gives `sislink plan` a roster section, or a reason when the link is not applied', async () => {
    const { districts } = await loadDistrictsOrThrow(['districts'], { cwd: world.repo.dir });
    const store = await openStateStore(world.state, { cwd: world.repo.dir });
    try {
      const section = await rosterPlanSection(store, districts[0]!, { now: NOW });
      expect(section).toMatchObject({ hasChanges: false });
      expect(section!.text).toContain('No changes.');
      await store.deleteLink('maple');
      const unlinked = await rosterPlanSection(store, districts[0]!, { now: NOW });
      expect(unlinked!.text).toContain('maple: roster import not planned: maple is not linked');
    } finally {
      await store.close();
    }
  });
});

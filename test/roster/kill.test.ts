import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BIN } from '../helpers/cli.js';
import { classroomCourse, expectedRoster, makeRosterWorld, NOW, roster, type RosterWorld } from './helpers.js';

const MAIN = fileURLToPath(new URL('../../dist/cmd/main.js', import.meta.url));
const ENTRY = fileURLToPath(new URL('./cli-entry.mjs', import.meta.url));
/** The real binary once it registers `roster`; until then the same built command under the same globals. */
const CLI = readFileSync(MAIN, 'utf8').includes('makeRosterCommand') ? BIN : ENTRY;

let world: RosterWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

interface Child {
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  kill(): void;
}

function startCli(w: RosterWorld, env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, [CLI, '--now', NOW.toISOString(), '--state', w.state, 'roster', 'apply', 'districts', '--format', 'json'], {
    cwd: w.repo.dir, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { done, kill: () => child.kill('SIGKILL') };
}

function noDuplicates(w: RosterWorld): void {
  const expected = expectedRoster(w.sandbox);
  const store = w.sandbox.classroom!.store;
  expect(store.courses.size).toBe(expected.size);
  expect(store.aliases.size).toBe(expected.size);
  const names = [...store.courses.values()].map((course) => `${course.name}|${course.section}`);
  expect(new Set(names).size).toBe(names.length);
  for (const [classId, want] of expected) {
    const course = classroomCourse(w.sandbox, `d:${classId}`)!;
    expect(course.teachers).toEqual(want.teachers);
    expect(course.students).toEqual(want.students);
  }
}

async function until(condition: () => boolean, child: Child): Promise<boolean> {
  let finished = false;
  void child.done.then(() => (finished = true));
  while (!condition()) {
    if (finished) return false;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return true;
}

describe('a roster apply killed midway', () => {
  it('SIGKILL from outside once some courses exist: the re-run finishes without a duplicate course', async () => {
    world = await makeRosterWorld({ removeUnenrolled: true, concurrency: 1 });
    const store = world.sandbox.classroom!.store;
    const total = expectedRoster(world.sandbox).size;
    const child = startCli(world);
    // The client keeps Classroom's per-user quota (1,200/min), so a full run takes minutes: plenty of time.
    const reached = await until(() => store.courses.size >= 2, child);
    child.kill();
    const killed = await child.done;
    expect(reached, `the run ended before it could be killed: ${killed.stderr}`).toBe(true);
    expect(killed.signal).toBe('SIGKILL');
    const partial = store.courses.size;
    expect(partial).toBeGreaterThanOrEqual(2);
    expect(partial).toBeLessThan(total);

    const rerun = await roster(world, 'apply');
    expect(rerun.code).toBe(0);
    expect(rerun.report.planned['create-course']).toBe(total - partial);
    expect(rerun.report.applied!.failed).toBe(0);
    noDuplicates(world);
    expect((await roster(world, 'plan')).report.planned.total).toBe(0);
  });

  it('killed right after a journal write (SISLINK_CRASH_AFTER_JOURNAL): the interrupted step is settled and redone once', async () => {
    // Tiny: the whole re-run fits in the client's quota burst, so the CLI re-run stays quick.
    world = await makeRosterWorld({ removeUnenrolled: true, concurrency: 1 }, 'tiny');
    const store = world.sandbox.classroom!.store;
    expect(expectedRoster(world.sandbox).size).toBeGreaterThan(2);
    // Writes: course 1 create intent/outcome, members intent/outcome; course 2 create intent/outcome, members intent -> killed.
    const killed = await startCli(world, { SISLINK_CRASH_AFTER_JOURNAL: '7' }).done;
    expect(killed.signal).toBe('SIGKILL');
    expect(store.courses.size).toBe(2);

    const rerun = startCli(world);
    const done = await rerun.done;
    expect(done.code, done.stderr).toBe(0);
    const report = JSON.parse(done.stdout) as { interruptedSettled: number; planned: Record<string, number>; applied: { failed: number } };
    expect(report.interruptedSettled).toBe(1);
    expect(report.planned['create-course']).toBe(expectedRoster(world.sandbox).size - 2);
    expect(report.applied.failed).toBe(0);
    noDuplicates(world);
  });
});

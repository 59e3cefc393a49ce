import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyAuditLog, type AuditRecord } from '../../src/audit/index.js';
import { classroomCourse, expectedRoster, makeRosterWorld, roster, SECRET, sisAdmin, type RosterWorld } from './helpers.js';

let world: RosterWorld;
beforeAll(async () => {
  world = await makeRosterWorld({ removeUnenrolled: true });
});
afterAll(async () => world.close());

function classroomMatchesSis(): void {
  const expected = expectedRoster(world.sandbox);
  for (const [classId, want] of expected) {
    const course = classroomCourse(world.sandbox, `d:${classId}`);
    expect(course, `course for class ${classId}`).toBeDefined();
    expect(course!.owner).toBe(want.primary);
    expect(course!.teachers).toEqual(want.teachers);
    expect(course!.students).toEqual(want.students);
  }
  const counts = world.sandbox.classroom!.store.counts();
  expect(counts.courses).toBe(expected.size);
  expect(counts.aliases).toBe(expected.size);
}

describe('roster import against the sandbox (SIS -> empty Classroom)', () => {
  it('plans every course, then creates them with their teachers and students', async () => {
    const expected = expectedRoster(world.sandbox);
    const students = [...expected.values()].reduce((sum, c) => sum + c.students.length, 0);
    const plan = await roster(world, 'plan');
    expect(plan.code).toBe(0);
    expect(plan.report.planned['create-course']).toBe(expected.size);
    expect(plan.report.planned['add-student']).toBe(students);
    expect(world.sandbox.classroom!.store.courses.size).toBe(0);

    const applied = await roster(world, 'apply');
    expect(applied.code).toBe(0);
    expect(applied.report.outcome).toBe('applied');
    expect(applied.report.applied).toMatchObject({ failed: 0, notFoundUsers: 0, skipped: 0 });
    expect(applied.report.applied!.applied['create-course']).toBe(expected.size);
    expect(applied.report.requests.classroomTotal).toBe(applied.report.requests.classroomMinimum);
    classroomMatchesSis();
    const course = classroomCourse(world.sandbox, `d:${[...expected.keys()][0]}`)!;
    const sisClass = world.sandbox.data.classes.get([...expected.keys()][0]!)!;
    expect(course.name).toBe(sisClass.title);
    expect(world.sandbox.classroom!.store.resolveCourse(`d:${sisClass.sourcedId}`)).toMatchObject({ section: sisClass.classCode, room: sisClass.location });
  });

  it('plans nothing on a second run', async () => {
    const plan = await roster(world, 'plan');
    expect(plan.report.outcome).toBe('no-changes');
    expect(plan.report.planned.total).toBe(0);
    const again = await roster(world, 'apply');
    expect(again.code).toBe(0);
    expect(again.report.planned.total).toBe(0);
    expect(again.report.requests.classroom.POST ?? 0).toBe(0);
  });

  it('turns 5 students moved between classes in the SIS into exactly those adds and removes', async () => {
    const expected = expectedRoster(world.sandbox);
    const classes = [...expected.keys()];
    const moves: { student: string; email: string; from: string; to: string }[] = [];
    const used = new Set<string>();
    for (const from of classes) {
      if (moves.length === 5) break;
      const enrollments = [...world.sandbox.data.enrollments.values()].filter((e) => e.classId === from && e.role === 'student' && !used.has(e.userId));
      for (const enrollment of enrollments) {
        const mine = new Set(world.sandbox.data.userEnrollments(enrollment.userId).map((e) => e.classId));
        const to = classes.find((id) => id !== from && !mine.has(id) && world.sandbox.data.classes.get(id)!.schoolId === world.sandbox.data.classes.get(from)!.schoolId);
        if (to === undefined) continue;
        moves.push({ student: enrollment.userId, email: world.sandbox.data.users.get(enrollment.userId)!.email.toLowerCase(), from, to });
        used.add(enrollment.userId);
        break;
      }
    }
    expect(moves).toHaveLength(5);
    for (const move of moves) await sisAdmin(world.sandbox, 'move-student', { student: move.student, fromClass: move.from, toClass: move.to });

    const plan = await roster(world, 'plan');
    expect(plan.report.planned).toMatchObject({ 'create-course': 0, 'add-teacher': 0, 'remove-teacher': 0, 'add-student': 5, 'remove-student': 5, total: 10 });
    const applied = await roster(world, 'apply');
    expect(applied.code).toBe(0);
    expect(applied.report.applied!.applied).toMatchObject({ 'add-student': 5, 'remove-student': 5 });
    for (const move of moves) {
      expect(classroomCourse(world.sandbox, `d:${move.from}`)!.students).not.toContain(move.email);
      expect(classroomCourse(world.sandbox, `d:${move.to}`)!.students).toContain(move.email);
    }
    classroomMatchesSis();
    expect((await roster(world, 'plan')).report.planned.total).toBe(0);
  });

  it('refuses an emptied SIS roster with a message naming the numbers, and removes nothing', async () => {
    const before = world.sandbox.classroom!.store.counts();
    const classes = [...expectedRoster(world.sandbox).keys()];
    for (const id of classes) await sisAdmin(world.sandbox, 'clear-enrollments', { class: id, role: 'student' });

    const refused = await roster(world, 'apply');
    expect(refused.code).toBe(1);
    expect(refused.report.outcome).toBe('refused');
    expect(refused.stderr).toContain('refusing to apply the roster import');
    expect(refused.stderr).toMatch(/would remove \d+ of \d+ enrollments in the district's courses \(\d+(\.\d)?%, limit 5%\)/);
    expect(refused.stderr).toMatch(/d:\S+ \(course \S+\): would remove \d+ of \d+ members \(\d+(\.\d)?%, limit 20% of a course once it loses 3 or more\)/);
    expect(refused.stderr).toContain('nothing was changed');
    expect(refused.stderr).toContain('--allow-mass-removal');
    expect(refused.report.refused!.violations.length).toBeGreaterThan(classes.length - 1);
    expect(world.sandbox.classroom!.store.counts()).toEqual(before);

    const forced = await roster(world, 'apply', { allowMassRemoval: true });
    expect(forced.code).toBe(0);
    expect(world.sandbox.classroom!.store.counts().students).toBe(0);
    expect(world.sandbox.classroom!.store.counts().courses).toBe(before.courses);

    // Every apply is in the audit log with its counts; the refusal and the override are visible.
    const log = join(world.repo.dir, '.sislink', 'audit.log');
    const text = await readFile(log, 'utf8');
    const runs = text.split('\n').filter((line) => line.includes('"roster-import"')).map((line) => JSON.parse(line) as AuditRecord);
    expect(runs.map((run) => run.event)).toEqual(runs.map(() => 'job.finish'));
    const [refusal, override] = runs.slice(-2);
    expect(refusal).toMatchObject({ district: 'maple', address: 'roster.maple["roster"]', outcome: 'refused', details: { violations: refused.report.refused!.violations.length } });
    expect(override).toMatchObject({ outcome: 'applied', details: { massRemovalAllowed: true, failed: 0 } });
    expect((override!.details!.applied as Record<string, number>)['remove-student']).toBe(before.students);
    expect(runs[0]).toMatchObject({ outcome: 'applied', details: { plannedByKind: { 'create-course': expectedRoster(world.sandbox).size } } });
    // Counts only: no student's email, and no secret.
    for (const email of world.sandbox.data.users.values()) expect(text).not.toContain(email.email.toLowerCase());
    expect(text).not.toContain(SECRET);
    expect(await verifyAuditLog(log)).toMatchObject({ ok: true });
  });
});

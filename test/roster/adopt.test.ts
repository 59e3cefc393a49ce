/** adoptFallbackMatches: a course the teacher email + title fallback matched gets its class's alias. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDistrictsOrThrow } from '../../src/config/load.js';
import { openJobConnections } from '../../src/jobs/connection.js';
import { applyRosterPlan, planRosterActions, type DesiredCourse, type ObservedCourse } from '../../src/jobs/roster/index.js';
import { openStateStore } from '../../src/state/open.js';
import { classroomCourse, classTitle, expectedRoster, handMadeCourse, makeRosterWorld, roster, rosterText, type RosterWorld } from './helpers.js';

let world: RosterWorld;
let a: string;
let b: string;

function store() {
  return world.sandbox.classroom!.store;
}

const titleOf = (classId: string): string => classTitle(world.sandbox, classId);

function primaryOf(classId: string): string {
  return expectedRoster(world.sandbox).get(classId)!.primary!;
}

beforeAll(async () => {
  world = await makeRosterWorld({ removeUnenrolled: false, mapping: ['rule: teacher-email-title'], adoptFallbackMatches: true }, 'small');
  const byTeacher = new Map<string, string>();
  for (const [classId, want] of expectedRoster(world.sandbox)) if (want.primary !== undefined && !byTeacher.has(want.primary)) byTeacher.set(want.primary, classId);
  [a, b] = [...byTeacher.values()] as [string, string];
  handMadeCourse(world.sandbox, 'hand-a', `  ${titleOf(a).toUpperCase()} `, primaryOf(a));
  handMadeCourse(world.sandbox, 'hand-b', titleOf(b), primaryOf(b));
});
afterAll(async () => world.close());

describe('roster import: adopting the courses the fallback matched', () => {
  it('plans the alias for each matched course and says so in the plan', async () => {
    const plan = await roster(world, 'plan');
    expect(plan.report.planned['add-alias']).toBe(2);
    expect(plan.report.planned['create-course']).toBe(expectedRoster(world.sandbox).size - 2);
    expect(plan.report.issues.sample).toEqual(expect.arrayContaining([
      { kind: 'course-by-fallback', classId: a, detail: `matched "  ${titleOf(a).toUpperCase()} " (course hand-a) by teacher email and title; this run adds alias d:${a}` },
    ]));
    const text = await rosterText(world, 'plan');
    expect(text.stdout).toContain('2 to adopt (alias added), ');
    expect(text.stdout).toContain(`  course d:${a} (no alias: course hand-a "  ${titleOf(a).toUpperCase()} " matched by teacher email + title)\n` +
      `    + alias d:${a} on course hand-a "  ${titleOf(a).toUpperCase()} " (adopted: from the next run its fields follow the SIS)\n`);
  });

  it('adds the alias and the members, leaves the fields for the next run, which then finds the course by alias', async () => {
    const applied = await roster(world, 'apply');
    expect(applied.code, JSON.stringify(applied.report.applied)).toBe(0);
    expect(applied.report.applied).toMatchObject({ failed: 0 });
    expect(applied.report.applied!.applied['add-alias']).toBe(2);
    expect(store().aliases.get(`d:${a}`)).toBe('hand-a');
    expect(store().aliases.get(`d:${b}`)).toBe('hand-b');
    const want = expectedRoster(world.sandbox).get(a)!;
    expect(classroomCourse(world.sandbox, `d:${a}`)).toMatchObject({ id: 'hand-a', name: `  ${titleOf(a).toUpperCase()} `, students: want.students });

    const next = await roster(world, 'plan');
    expect(next.report.observed.byFallback).toBe(0);
    expect(next.report.planned).toMatchObject({ 'add-alias': 0, 'create-course': 0 });
    expect(next.report.issues.counts['course-by-fallback']).toBeUndefined();
    const renames = await rosterText(world, 'plan');
    expect(renames.stdout).toContain(`  course d:${a}\n    ~ update course hand-a: name ${JSON.stringify(`  ${titleOf(a).toUpperCase()} `)} -> ${JSON.stringify(titleOf(a))}`);

    const second = await roster(world, 'apply');
    expect(second.code).toBe(0);
    expect(store().courses.get('hand-a')).toMatchObject({ name: titleOf(a) });
    expect((await roster(world, 'plan')).report.planned.total).toBe(0);
  });

  it('counts an alias already on the course as done, and fails only the adoption when another course holds it', async () => {
    const [district] = (await loadDistrictsOrThrow(['districts'], { cwd: world.repo.dir })).districts;
    const stateStore = await openStateStore(world.state, { cwd: world.repo.dir });
    const connections = await openJobConnections(stateStore, district!, { classroomRateLimit: false });
    const [teacher, ...others] = [...expectedRoster(world.sandbox).values()].map((course) => course.primary!);
    const students = [...expectedRoster(world.sandbox).values()][0]!.students.slice(0, 2);
    const teacherId = store().resolveUser(teacher!, undefined)!.id;
    const matched = (classId: string, courseId: string): ObservedCourse => ({
      classId, alias: `d:${classId}`, courseId, state: 'ACTIVE', ownerId: teacherId, fields: { name: courseId }, matchedBy: 'teacher-email-title',
      teachers: [{ userId: teacherId, email: teacher! }], students: [],
    });
    const desired = (classId: string): DesiredCourse => ({ classId, alias: `d:${classId}`, fields: { name: classId }, teachers: [teacher!], students });
    try {
      handMadeCourse(world.sandbox, 'hand-x', 'X', teacher!, 'd:adopt-x');
      handMadeCourse(world.sandbox, 'hand-y', 'Y', teacher!);
      handMadeCourse(world.sandbox, 'other-y', 'Y (other)', others[0] ?? teacher!, 'd:adopt-y');
      // Planned while neither course had the alias: one gained it since (a run that died after its write), one lost it to another course.
      const plan = planRosterActions(
        { courses: [desired('adopt-x'), desired('adopt-y')], ended: [], terms: [], issues: [] },
        { courses: new Map([['adopt-x', matched('adopt-x', 'hand-x')], ['adopt-y', matched('adopt-y', 'hand-y')]]) },
        { removeUnenrolled: false, archiveEndedTerms: false, adoptFallbackMatches: true },
      );
      expect(plan.counts['add-alias']).toBe(2);
      const counts = await applyRosterPlan({ classroom: connections.classroom, store: stateStore, district: 'maple', job: 'roster', runId: randomUUID(), planHash: 'test' }, plan);
      expect(counts).toMatchObject({ failed: 1, alreadyDone: 1 });
      expect(counts.failures).toEqual([expect.objectContaining({ kind: 'add-alias', alias: 'd:adopt-y', target: 'hand-y', error: 'alias d:adopt-y already names course other-y, not hand-y' })]);
      expect(store().aliases.get('d:adopt-y')).toBe('other-y');
      // The members of both courses are synced all the same.
      expect(counts.applied['add-student']).toBe(4);
    } finally {
      await connections.close();
      await stateStore.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { applyRosterPlan, planRosterActions, type DesiredCourse } from '../../src/jobs/roster/index.js';
import { openJobConnections } from '../../src/jobs/connection.js';
import { loadDistrictsOrThrow } from '../../src/config/load.js';
import { openStateStore } from '../../src/state/open.js';
import { classroomCourse, expectedRoster, makeRosterWorld, roster, type RosterWorld } from './helpers.js';

let world: RosterWorld;
beforeAll(async () => {
  world = await makeRosterWorld({ removeUnenrolled: true, archiveEndedTerms: true });
});
afterAll(async () => world.close());

function hideFromDomain(email: string): void {
  world.sandbox.classroom!.store.usersByEmail.delete(email.toLowerCase());
}

describe('roster import: users outside the domain, foreign courses, races, ended terms', () => {
  it('reports users missing from the domain without failing, and falls back to a co-teacher as owner', async () => {
    const expected = expectedRoster(world.sandbox);
    const [cotaughtId, cotaught] = [...expected].find(([, c]) => c.teachers.length > 1)!;
    const primary = cotaught.primary!;
    const coTeacher = cotaught.teachers.find((email) => email !== primary)!;
    const student = cotaught.students[0]!;
    hideFromDomain(primary);
    hideFromDomain(student);
    const ownedByPrimaryAlone = [...expected].filter(([, c]) => c.primary === primary && c.teachers.length === 1).map(([id]) => id);

    // A course nobody created through sislink (no alias), with members unknown to the SIS.
    const store = world.sandbox.classroom!.store;
    const someone = [...store.users.values()][0]!;
    store.putCourse({ id: 'foreign-1', name: 'Chess club', ownerId: someone.id, courseState: 'ACTIVE', enrollmentCode: 'x', creationTime: '', updateTime: '', gradeCategories: [], gradingPeriods: [] });
    store.addMember('teacher', 'foreign-1', someone.id);
    store.addMember('student', 'foreign-1', [...store.users.values()][1]!.id);

    const applied = await roster(world, 'apply');
    expect(applied.code).toBe(0);
    expect(applied.report.applied!.failed).toBe(0);
    expect(applied.report.applied!.notFoundUsers).toBeGreaterThanOrEqual(2);
    expect(applied.report.applied!.notFoundSample).toEqual(expect.arrayContaining([
      { email: primary, classId: cotaughtId, role: 'owner' },
      expect.objectContaining({ email: student, role: 'student' }),
    ]));
    const course = classroomCourse(world.sandbox, `d:${cotaughtId}`)!;
    expect(course.owner).toBe(coTeacher);
    expect(course.students).not.toContain(student);
    expect(course.students).toHaveLength(cotaught.students.length - 1);
    for (const id of ownedByPrimaryAlone) expect(classroomCourse(world.sandbox, `d:${id}`)).toBeUndefined();
    expect(applied.report.applied!.skipped).toBeGreaterThanOrEqual(ownedByPrimaryAlone.length);

    expect(store.members.student.get('foreign-1')?.size).toBe(1);
    expect(store.courses.get('foreign-1')?.courseState).toBe('ACTIVE');
  });

  it('treats ALREADY_EXISTS on a create as done: a lost answer never makes a second course', async () => {
    const [district] = (await loadDistrictsOrThrow(['districts'], { cwd: world.repo.dir })).districts;
    const stateStore = await openStateStore(world.state, { cwd: world.repo.dir });
    const connections = await openJobConnections(stateStore, district!, { classroomRateLimit: false });
    try {
      const teacher = [...expectedRoster(world.sandbox).values()][0]!.teachers[0]!;
      const students = [...expectedRoster(world.sandbox).values()][0]!.students.slice(0, 3);
      // The first attempt reached Classroom but its answer was lost.
      const first = await connections.classroom.createCourse({ alias: 'd:race-1', name: 'Race', ownerId: teacher });
      const desired: DesiredCourse = { classId: 'race-1', alias: 'd:race-1', fields: { name: 'Race' }, teachers: [teacher], students };
      const plan = planRosterActions({ courses: [desired], ended: [], terms: [], issues: [] }, { courses: new Map() }, { removeUnenrolled: false, archiveEndedTerms: false });
      const counts = await applyRosterPlan({ classroom: connections.classroom, store: stateStore, district: 'maple', job: 'roster', runId: randomUUID(), planHash: 'test' }, plan);
      expect(counts).toMatchObject({ failed: 0, alreadyDone: 1 });
      expect(counts.applied['add-student']).toBe(3);
      const course = classroomCourse(world.sandbox, 'd:race-1')!;
      expect(course.id).toBe(first.id);
      expect(course.students).toEqual([...students].sort());
      expect([...world.sandbox.classroom!.store.courses.values()].filter((c) => c.name === 'Race')).toHaveLength(1);
    } finally {
      world.sandbox.classroom!.admin.removeCourse('d:race-1');
      await connections.close();
      await stateStore.close();
    }
  });

  it('archives the courses of ended terms and creates those of the new term', async () => {
    const spring = new Date('2027-01-11T12:00:00Z');
    const fall = expectedRoster(world.sandbox, '2026-09-01');
    const now = expectedRoster(world.sandbox, '2027-01-11');
    const ended = [...fall.keys()].filter((id) => !now.has(id) && classroomCourse(world.sandbox, `d:${id}`) !== undefined);
    const starting = [...now.keys()].filter((id) => !fall.has(id));
    // Courses of the new term, and those an earlier run could not create (owner outside the domain).
    const missing = [...now.keys()].filter((id) => classroomCourse(world.sandbox, `d:${id}`) === undefined);
    expect(ended.length).toBeGreaterThan(0);
    expect(starting.length).toBeGreaterThan(0);

    const plan = await roster(world, 'plan', { now: spring });
    expect(plan.report.planned['archive-course']).toBe(ended.length);
    expect(plan.report.planned['create-course']).toBe(missing.length);
    expect(missing).toEqual(expect.arrayContaining(starting));
    const applied = await roster(world, 'apply', { now: spring, allowMassRemoval: true });
    expect(applied.report.applied!.applied['archive-course']).toBe(ended.length);
    for (const id of ended) expect(classroomCourse(world.sandbox, `d:${id}`)!.state).toBe('ARCHIVED');
    expect((await roster(world, 'plan', { now: spring })).report.planned['archive-course']).toBe(0);
  });
});

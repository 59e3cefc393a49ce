import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classroomCourse, classTitle, expectedRoster, handMadeCourse, makeRosterWorld, roster, rosterText, rosterYaml, sisAdmin, type RosterWorld } from './helpers.js';

let world: RosterWorld;
/** Classes with distinct primary teachers: A gets a hand-made twin, B two, C one that is linked elsewhere. */
let a: string;
let b: string;
let c: string;
let d: string;

function store() {
  return world.sandbox.classroom!.store;
}

const titleOf = (classId: string): string => classTitle(world.sandbox, classId);

function handCourse(id: string, name: string, ownerEmail: string, alias?: string): void {
  handMadeCourse(world.sandbox, id, name, ownerEmail, alias);
}

beforeAll(async () => {
  world = await makeRosterWorld({ removeUnenrolled: true }, 'small');
  const expected = expectedRoster(world.sandbox);
  const byTeacher = new Map<string, string>();
  for (const [classId, want] of expected) if (want.primary !== undefined && !byTeacher.has(want.primary)) byTeacher.set(want.primary, classId);
  [a, b, c, d] = [...byTeacher.values()] as [string, string, string, string];
  const primary = (classId: string) => expected.get(classId)!.primary!;
  handCourse('hand-a', `  ${titleOf(a).toUpperCase()} `, primary(a));
  // A student the SIS does not enrol in A: the import removes them from the matched course.
  const stray = expected.get(b)!.students.find((email) => !expected.get(a)!.students.includes(email))!;
  store().addMember('student', 'hand-a', store().resolveUser(stray, undefined)!.id);
  handCourse('hand-b1', titleOf(b), primary(b));
  handCourse('hand-b2', titleOf(b), primary(b));
  handCourse('hand-c', titleOf(c), primary(c), 'd:another-class');
});
afterAll(async () => world.close());

describe('roster import: the teacher-email-title course mapping', () => {
  it('ignores same-titled courses without the alias under the default alias rule', async () => {
    const plan = await roster(world, 'plan');
    expect(plan.report.planned['create-course']).toBe(expectedRoster(world.sandbox).size);
    expect(plan.report.observed).toMatchObject({ courses: 0, byFallback: 0 });
  });

  it('matches a teacher\'s course by email + title when no alias does, and reports it in the plan', async () => {
    await world.repo.write('maple', rosterYaml(world.sandbox, { removeUnenrolled: true, mapping: ['rule: teacher-email-title'] }));
    const total = expectedRoster(world.sandbox).size;
    const plan = await roster(world, 'plan');
    // A is matched; B is ambiguous (two courses), so not created; C's twin is linked to another class, so C is created.
    expect(plan.report.planned['create-course']).toBe(total - 2);
    expect(plan.report.observed).toMatchObject({ courses: 1, byFallback: 1 });
    expect(plan.report.issues.counts).toMatchObject({ 'course-by-fallback': 1, 'fallback-ambiguous': 1 });
    expect(plan.report.issues.sample).toEqual(expect.arrayContaining([
      { kind: 'course-by-fallback', classId: a, detail: `matched "  ${titleOf(a).toUpperCase()} " (course hand-a) by teacher email and title; it has no alias d:${a}` },
      { kind: 'fallback-ambiguous', classId: b, detail: expect.stringMatching(/has 2 active courses titled .*\(hand-b1, hand-b2\); d:\S+ is neither created nor changed$/) },
    ]));
    expect(plan.report.requests.classroomTotal).toBe(plan.report.requests.classroomMinimum);

    const text = await rosterText(world, 'plan');
    expect(text.stdout).toContain(`Classroom: 0 courses found by alias, 1 by teacher email + title (fallback)`);
    expect(text.stdout).toContain(`  course d:${a} (no alias: course hand-a "  ${titleOf(a).toUpperCase()} " matched by teacher email + title)\n`);
    expect(text.stdout).toContain('  note (course-by-fallback): 1');
    expect(text.stdout).toContain('  note (fallback-ambiguous): 1');
  });

  it('applies member changes to the matched course, never its fields, and creates no second course', async () => {
    const applied = await roster(world, 'apply');
    expect(applied.code, JSON.stringify([applied.stderr, applied.report.refused, applied.report.applied])).toBe(0);
    expect(applied.report.applied).toMatchObject({ failed: 0 });
    const want = expectedRoster(world.sandbox).get(a)!;
    const members = (role: 'teacher' | 'student') => [...(store().members[role].get('hand-a') ?? [])].map((id) => store().users.get(id)!.email.toLowerCase()).sort();
    expect(members('student')).toEqual(want.students);
    expect(members('teacher')).toEqual(want.teachers);
    expect(store().courses.get('hand-a')).toMatchObject({ name: `  ${titleOf(a).toUpperCase()} `, section: 'my section', room: 'my room' });
    expect(classroomCourse(world.sandbox, `d:${a}`)).toBeUndefined();
    expect(classroomCourse(world.sandbox, `d:${b}`)).toBeUndefined();
    expect(classroomCourse(world.sandbox, `d:${c}`)).toBeDefined();
    expect(store().aliases.get('d:another-class')).toBe('hand-c');

    const again = await roster(world, 'plan');
    expect(again.report.planned.total).toBe(0);
    expect(again.report.observed.byFallback).toBe(1);
  });

  it('matches no course that two classes claim (same title, same teacher)', async () => {
    const teacher = expectedRoster(world.sandbox).get(a)!.primary!;
    const user = [...world.sandbox.data.users.values()].find((u) => u.email.toLowerCase() === teacher)!;
    world.sandbox.data.classes.get(d)!.title = titleOf(a);
    await sisAdmin(world.sandbox, 'add-enrollment', { user: user.sourcedId, class: d, role: 'teacher', primary: true });
    world.sandbox.classroom!.admin.removeCourse(`d:${d}`);

    const plan = await roster(world, 'plan');
    expect(plan.report.observed.byFallback).toBe(0);
    const ambiguous = plan.report.issues.sample.filter((issue) => issue.kind === 'fallback-ambiguous' && issue.detail.startsWith('course hand-a'));
    expect(ambiguous.map((issue) => issue.classId).sort()).toEqual([a, d].sort());
    expect(ambiguous[0]!.detail).toMatch(/^course hand-a matches 2 classes by teacher email and title/);
    expect(plan.report.planned['create-course']).toBe(0);
  });
});

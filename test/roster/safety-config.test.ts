/** The roster job's `safety` settings in the district file replace the default rails. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classroomCourse, expectedRoster, makeRosterWorld, roster, sisAdmin, type RosterWorld } from './helpers.js';

let world: RosterWorld;
let classId: string;
beforeAll(async () => {
  world = await makeRosterWorld({ removeUnenrolled: true, safety: ['minRemovals: 1', 'maxCourseShare: 0.2'] }, 'small');
  classId = [...expectedRoster(world.sandbox)].find(([, c]) => c.teachers.length === 1 && c.students.length > 4)![0];
  for (const enrollment of studentEnrollments().slice(3)) await sisAdmin(world.sandbox, 'remove-enrollment', { enrollment: enrollment.sourcedId });
  const first = await roster(world, 'apply', { allowMassRemoval: true });
  if (first.code !== 0) throw new Error(`initial import: ${first.stderr}`);
});
afterAll(async () => world.close());

function studentEnrollments() {
  return [...world.sandbox.data.enrollments.values()].filter((e) => e.classId === classId && e.role === 'student' && e.status === 'active');
}

describe('configured roster safety rails', () => {
  it('refuses a single removal above the configured course share once minRemovals is 1', async () => {
    const course = classroomCourse(world.sandbox, `d:${classId}`)!;
    expect(course.students).toHaveLength(3);
    await sisAdmin(world.sandbox, 'remove-enrollment', { enrollment: studentEnrollments()[0]!.sourcedId });
    const refused = await roster(world, 'apply');
    expect(refused.code).toBe(1);
    expect(refused.report.outcome).toBe('refused');
    expect(refused.stderr).toContain(`d:${classId} (course ${course.id}): would remove 1 of 4 members (25%, limit 20% of a course`);
    expect(classroomCourse(world.sandbox, `d:${classId}`)!.students).toHaveLength(3);
  });
});

/** The roster job's `safety` settings in the district file replace the default rails. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classroomCourse, makeTinyCourseWorld, roster, sisAdmin, studentEnrollments, type RosterWorld } from './helpers.js';

let world: RosterWorld;
let classId: string;
beforeAll(async () => {
  ({ world, classId } = await makeTinyCourseWorld({ removeUnenrolled: true, safety: ['minRemovals: 1', 'maxCourseShare: 0.2'] }));
});
afterAll(async () => world.close());

describe('configured roster safety rails', () => {
  it('refuses a single removal above the configured course share once minRemovals is 1', async () => {
    const course = classroomCourse(world.sandbox, `d:${classId}`)!;
    expect(course.students).toHaveLength(3);
    await sisAdmin(world.sandbox, 'remove-enrollment', { enrollment: studentEnrollments(world.sandbox, classId)[0]!.sourcedId });
    const refused = await roster(world, 'apply');
    expect(refused.code).toBe(1);
    expect(refused.report.outcome).toBe('refused');
    expect(refused.stderr).toContain(`d:${classId} (course ${course.id}): would remove 1 of 4 members (25%, limit 20% of a course`);
    expect(classroomCourse(world.sandbox, `d:${classId}`)!.students).toHaveLength(3);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classroomCourse, makeTinyCourseWorld, roster, sisAdmin, studentEnrollments as enrollmentsOf, type RosterWorld } from './helpers.js';

let world: RosterWorld;
let classId: string;
beforeAll(async () => {
  ({ world, classId } = await makeTinyCourseWorld({ removeUnenrolled: true }));
});
afterAll(async () => world.close());

const studentEnrollments = () => enrollmentsOf(world.sandbox, classId);

describe('roster safety rail on a tiny course', () => {
  it('lets one student of three leave (25% of the course) without --allow-mass-removal', async () => {
    expect(classroomCourse(world.sandbox, `d:${classId}`)!.students).toHaveLength(3);
    await sisAdmin(world.sandbox, 'remove-enrollment', { enrollment: studentEnrollments()[0]!.sourcedId });
    const applied = await roster(world, 'apply');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.report.outcome).toBe('applied');
    expect(applied.report.applied!.applied['remove-student']).toBe(1);
    expect(classroomCourse(world.sandbox, `d:${classId}`)!.students).toHaveLength(2);
  });

  it('refuses emptying a course once 3 members would go, naming the course, the count and the limit', async () => {
    await sisAdmin(world.sandbox, 'add-enrollment', { user: [...world.sandbox.data.users.values()].find((u) => u.role === 'student' && !studentEnrollments().some((e) => e.userId === u.sourcedId))!.sourcedId, class: classId, role: 'student' });
    const grown = await roster(world, 'apply');
    expect(grown.code, grown.stderr).toBe(0);
    const course = classroomCourse(world.sandbox, `d:${classId}`)!;
    expect(course.students).toHaveLength(3);
    await sisAdmin(world.sandbox, 'clear-enrollments', { class: classId, role: 'student' });

    const refused = await roster(world, 'apply');
    expect(refused.code).toBe(1);
    expect(refused.report.outcome).toBe('refused');
    expect(refused.stderr).toContain(`d:${classId} (course ${course.id}): would remove 3 of 4 members (75%, limit 20% of a course once it loses 3 or more)`);
    expect(classroomCourse(world.sandbox, `d:${classId}`)!.students).toHaveLength(3);
  });
});

/**
 * The observed state from Classroom: the course behind each class's alias, with its teachers and
 * students. Only courses found by a sislink alias are ever read (and so ever changed).
 */
import type { ClassroomClient } from '../../classroom/index.js';
import type { Student, Teacher } from '../../classroom/types.js';
import { mapConcurrent } from '../../http/index.js';
import type { ObservedCourse, ObservedMember, RosterDesired, RosterObserved } from './types.js';

export const DEFAULT_OBSERVE_CONCURRENCY = 16;

export type ObserveReads = Pick<ClassroomClient, 'findCourse' | 'teachers' | 'students'>;

async function membersOf(iterable: AsyncIterable<Student | Teacher>): Promise<ObservedMember[]> {
  const members: ObservedMember[] = [];
  for await (const member of iterable) {
    const email = member.profile?.emailAddress?.toLowerCase();
    members.push(email === undefined ? { userId: member.userId } : { userId: member.userId, email });
  }
  return members;
}

export interface ObserveOptions {
  /** Also look up the courses of ended classes (only their state is read). */
  includeEnded: boolean;
  concurrency?: number;
}

export async function observeRoster(classroom: ObserveReads, desired: RosterDesired, options: ObserveOptions): Promise<RosterObserved> {
  const courses = new Map<string, ObservedCourse>();
  const targets = [
    ...desired.courses.map((course) => ({ classId: course.classId, alias: course.alias, members: true })),
    ...(options.includeEnded ? desired.ended.map((entry) => ({ ...entry, members: false })) : []),
  ];
  await mapConcurrent(targets, options.concurrency ?? DEFAULT_OBSERVE_CONCURRENCY, async (target) => {
    const course = await classroom.findCourse(target.alias);
    if (course === undefined) return;
    const read = target.members && course.courseState !== 'ARCHIVED';
    const [teachers, students] = read
      ? await Promise.all([membersOf(classroom.teachers(course.id)), membersOf(classroom.students(course.id))])
      : [[], []];
    courses.set(target.classId, {
      classId: target.classId, alias: target.alias, courseId: course.id, state: course.courseState, ownerId: course.ownerId, teachers, students,
    });
  });
  return { courses };
}

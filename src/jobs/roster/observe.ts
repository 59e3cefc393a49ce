/**
 * The observed state from Classroom: the course behind each class's alias, with its fields,
 * teachers and students. Only courses found by a sislink alias are read (and so changed), and,
 * when the job enables the teacher email + title fallback, the courses it matches unambiguously.
 */
import type { ClassroomClient, Listing } from '../../classroom/index.js';
import type { Course, MemberEmail } from '../../classroom/types.js';
import { mapConcurrent } from '../../http/index.js';
import { matchByTeacherAndTitle } from './fallback.js';
import { courseFieldsOf } from './fields.js';
import type { CourseMatchRule, ObservedCourse, ObservedMember, RosterDesired, RosterObserved } from './types.js';

export const DEFAULT_OBSERVE_CONCURRENCY = 16;

export type ObserveReads = Pick<ClassroomClient, 'findCourse' | 'teacherEmails' | 'studentEmails' | 'courses' | 'aliases'>;

async function membersOf(listing: Listing<MemberEmail>): Promise<ObservedMember[]> {
  const members: ObservedMember[] = [];
  for (const member of await listing.all()) {
    const email = member.profile?.emailAddress?.toLowerCase();
    members.push(email === undefined ? { userId: member.userId } : { userId: member.userId, email });
  }
  return members;
}

export interface ObserveOptions {
  /** Also look up the courses of ended classes (only their state is read). */
  includeEnded: boolean;
  concurrency?: number;
  /** Set when the job's mapping allows the teacher email + title fallback. */
  fallback?: { aliasPrefix: string };
}

interface Target {
  classId: string;
  alias: string;
  members: boolean;
}

async function observed(classroom: ObserveReads, target: Target, course: Course, matchedBy: CourseMatchRule): Promise<ObservedCourse> {
  const read = target.members && course.courseState !== 'ARCHIVED';
  const [teachers, students] = read
    ? await Promise.all([membersOf(classroom.teacherEmails(course.id)), membersOf(classroom.studentEmails(course.id))])
    : [[], []];
  return {
    classId: target.classId, alias: target.alias, courseId: course.id, state: course.courseState, ownerId: course.ownerId,
    fields: courseFieldsOf(course), matchedBy, teachers, students,
  };
}

export async function observeRoster(classroom: ObserveReads, desired: RosterDesired, options: ObserveOptions): Promise<RosterObserved> {
  const courses = new Map<string, ObservedCourse>();
  const concurrency = options.concurrency ?? DEFAULT_OBSERVE_CONCURRENCY;
  const targets: Target[] = [
    ...desired.courses.map((course) => ({ classId: course.classId, alias: course.alias, members: true })),
    ...(options.includeEnded ? desired.ended.map((entry) => ({ ...entry, members: false })) : []),
  ];
  await mapConcurrent(targets, concurrency, async (target) => {
    const course = await classroom.findCourse(target.alias);
    if (course !== undefined) courses.set(target.classId, await observed(classroom, target, course, 'alias'));
  });
  if (options.fallback === undefined) return { courses };

  const unmatched = desired.courses.filter((course) => !courses.has(course.classId));
  if (unmatched.length === 0) return { courses, ambiguous: new Map(), fallbackLookups: 0 };
  const taken = new Set([...courses.values()].map((course) => course.courseId));
  const { matches, ambiguous, lookups } = await matchByTeacherAndTitle(classroom, unmatched, { aliasPrefix: options.fallback.aliasPrefix, taken, concurrency });
  const found = unmatched.filter((course) => matches.has(course.classId));
  await mapConcurrent(found, concurrency, async (course) => {
    const target = { classId: course.classId, alias: course.alias, members: true };
    courses.set(course.classId, await observed(classroom, target, matches.get(course.classId)!, 'teacher-email-title'));
  });
  return { courses, ambiguous, fallbackLookups: lookups };
}

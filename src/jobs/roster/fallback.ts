/**
 * The `teacher-email-title` fallback: when no course carries a class's alias, look for an active
 * course of one of its teachers (primary first) whose name is the class title (trimmed, any case).
 * Guessing wrong would move students between courses, so a match must be unambiguous: a course that
 * already carries an alias with the job's prefix belongs to another class and is never a candidate;
 * a teacher with several same-titled courses, or one course claimed by several classes, is reported
 * instead of matched. Each teacher's courses are listed once per run.
 */
import { isClassroomError, type ClassroomClient } from '../../classroom/index.js';
import type { Course } from '../../classroom/types.js';
import { mapConcurrent } from '../../http/index.js';
import type { DesiredCourse } from './types.js';

export type FallbackReads = Pick<ClassroomClient, 'courses' | 'aliases'>;

export interface FallbackOptions {
  /** The job's alias prefix: a course with such an alias is linked to some class already. */
  aliasPrefix: string;
  /** Course ids already matched by alias in this run. */
  taken: ReadonlySet<string>;
  concurrency: number;
}

export interface FallbackResult {
  matches: Map<string, Course>;
  /** classId -> why no single course could be chosen. */
  ambiguous: Map<string, string>;
  /** Listings made: one per teacher whose courses were read, one per candidate's aliases. */
  lookups: number;
}

function titleKey(title: string): string {
  return title.trim().toLowerCase();
}

export async function matchByTeacherAndTitle(classroom: FallbackReads, classes: readonly DesiredCourse[], options: FallbackOptions): Promise<FallbackResult> {
  const listings = new Map<string, Promise<Course[]>>();
  const linked = new Map<string, Promise<boolean>>();

  function coursesOf(email: string): Promise<Course[]> {
    let listing = listings.get(email);
    if (listing === undefined) {
      listing = (async () => {
        const courses: Course[] = [];
        try {
          for await (const course of classroom.courses({ teacherId: email, courseStates: ['ACTIVE'] })) courses.push(course);
        } catch (error) {
          // A teacher outside the Workspace domain has no courses to match.
          if (!isClassroomError(error, 'NOT_FOUND')) throw error;
        }
        return courses;
      })();
      listings.set(email, listing);
    }
    return listing;
  }

  function hasPrefixAlias(courseId: string): Promise<boolean> {
    let found = linked.get(courseId);
    if (found === undefined) {
      found = (async () => {
        for await (const entry of classroom.aliases(courseId)) if (entry.alias.startsWith(options.aliasPrefix)) return true;
        return false;
      })();
      linked.set(courseId, found);
    }
    return found;
  }

  const matches = new Map<string, Course>();
  const ambiguous = new Map<string, string>();
  await mapConcurrent(classes, options.concurrency, async (course) => {
    const title = titleKey(course.fields.name);
    for (const email of course.teachers) {
      const named = (await coursesOf(email)).filter((c) => titleKey(c.name) === title && !options.taken.has(c.id));
      const free: Course[] = [];
      for (const candidate of named) if (!(await hasPrefixAlias(candidate.id))) free.push(candidate);
      if (free.length === 0) continue;
      if (free.length > 1) {
        ambiguous.set(course.classId, `teacher ${email} has ${free.length} active courses titled "${course.fields.name}" (${free.map((c) => c.id).join(', ')})`);
        return;
      }
      matches.set(course.classId, free[0]!);
      return;
    }
  });
  // One course for two classes (two sections with the same title and teacher) would merge them.
  const claims = new Map<string, string[]>();
  for (const [classId, course] of matches) claims.set(course.id, [...(claims.get(course.id) ?? []), classId]);
  for (const [courseId, classIds] of claims) {
    if (classIds.length < 2) continue;
    for (const classId of classIds) {
      matches.delete(classId);
      ambiguous.set(classId, `course ${courseId} matches ${classIds.length} classes by teacher email and title (${classIds.join(', ')})`);
    }
  }
  return { matches, ambiguous, lookups: listings.size + linked.size };
}

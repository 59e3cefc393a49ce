/**
 * Finds the Classroom course of each SIS class: by its `d:` alias (prefix + class sourcedId), or,
 * when the job allows it, by a teacher's email and the course title (reported as a fallback).
 */
import type { ClassroomClient } from '../../classroom/index.js';
import type { Course } from '../../classroom/types.js';
import type { CourseMapping } from '../../config/types.js';
import type { OneRosterClient } from '../../oneroster/index.js';
import type { OneRosterClass } from '../../oneroster/types.js';

export type CourseMatch = { course: Course; by: 'alias' | 'teacher-email-title' } | undefined;

export function aliasOf(mapping: CourseMapping, classId: string): string {
  return `${mapping.aliasPrefix}${classId}`;
}

export function createCourseFinder(classroom: ClassroomClient, oneRoster: OneRosterClient, mapping: CourseMapping) {
  const coursesByTeacher = new Map<string, Promise<Course[]>>();

  async function teacherCourses(email: string): Promise<Course[]> {
    const key = email.toLowerCase();
    let found = coursesByTeacher.get(key);
    if (found === undefined) {
      found = (async () => {
        const courses: Course[] = [];
        for await (const course of classroom.courses({ teacherId: email, courseStates: ['ACTIVE'] })) courses.push(course);
        return courses;
      })().catch(() => []);
      coursesByTeacher.set(key, found);
    }
    return found;
  }

  async function byTeacherAndTitle(sisClass: OneRosterClass): Promise<Course | undefined> {
    const title = sisClass.title.trim().toLowerCase();
    for await (const teacher of oneRoster.teachersForClass(sisClass.sourcedId)) {
      if (!teacher.email) continue;
      const match = (await teacherCourses(teacher.email)).find((course) => course.name.trim().toLowerCase() === title);
      if (match !== undefined) return match;
    }
    return undefined;
  }

  return async function findCourse(sisClass: OneRosterClass): Promise<CourseMatch> {
    const tryAlias = mapping.rule === 'alias' || mapping.allowFallback;
    const tryTeacher = mapping.rule === 'teacher-email-title' || mapping.allowFallback;
    if (tryAlias) {
      const course = await classroom.findCourse(aliasOf(mapping, sisClass.sourcedId));
      if (course !== undefined && course.courseState !== 'ARCHIVED') return { course, by: 'alias' };
    }
    if (tryTeacher) {
      const course = await byTeacherAndTitle(sisClass);
      if (course !== undefined) return { course, by: 'teacher-email-title' };
    }
    return undefined;
  };
}

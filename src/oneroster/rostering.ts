/** Rostering reads (orgs, sessions, classes, users, enrollments), both OneRoster versions. */
import { and, filter, type Filter } from './filter.js';
import { checkId, fetchOne, list, rosteringUrl, type OneRosterContext } from './context.js';
import type { ListOptions } from './paging.js';
import type { AcademicSession, Enrollment, OneRosterClass, Org, User } from './types.js';

export interface TeacherListOptions extends ListOptions {
  /** Adds `email='...'` (joined with AND to `filter` when both are given). */
  email?: string;
}

export interface RosteringReads {
  orgs(options?: ListOptions): AsyncGenerator<Org, void, undefined>;
  schools(options?: ListOptions): AsyncGenerator<Org, void, undefined>;
  academicSessions(options?: ListOptions): AsyncGenerator<AcademicSession, void, undefined>;
  terms(options?: ListOptions): AsyncGenerator<AcademicSession, void, undefined>;
  gradingPeriodsForTerm(termId: string, options?: ListOptions): AsyncGenerator<AcademicSession, void, undefined>;
  classes(options?: ListOptions): AsyncGenerator<OneRosterClass, void, undefined>;
  classesForTeacher(teacherId: string, options?: ListOptions): AsyncGenerator<OneRosterClass, void, undefined>;
  classesForSchool(schoolId: string, options?: ListOptions): AsyncGenerator<OneRosterClass, void, undefined>;
  users(options?: ListOptions): AsyncGenerator<User, void, undefined>;
  teachers(options?: TeacherListOptions): AsyncGenerator<User, void, undefined>;
  students(options?: ListOptions): AsyncGenerator<User, void, undefined>;
  studentsForClass(classId: string, options?: ListOptions): AsyncGenerator<User, void, undefined>;
  teachersForClass(classId: string, options?: ListOptions): AsyncGenerator<User, void, undefined>;
  enrollments(options?: ListOptions): AsyncGenerator<Enrollment, void, undefined>;
  /** One class; undefined when the SIS answers 404. */
  getClass(classId: string): Promise<OneRosterClass | undefined>;
  /** One user; undefined when the SIS answers 404. */
  getUser(userId: string): Promise<User | undefined>;
}

function withEmail(options: TeacherListOptions): ListOptions {
  const { email, ...rest } = options;
  if (email === undefined) return rest;
  const byEmail = filter('email', '=', email);
  if (rest.filter === undefined) return { ...rest, filter: byEmail };
  const existing: Filter = typeof rest.filter === 'string' ? { expression: rest.filter } : rest.filter;
  return { ...rest, filter: and(byEmail, existing) };
}

export function createRosteringReads(ctx: OneRosterContext): RosteringReads {
  const read = <T>(key: string, options: ListOptions | undefined, ...path: string[]) =>
    list<T>(ctx, 'roster-read', rosteringUrl(ctx, ...path), key, options);
  const one = <T>(wrapper: string, collection: string, id: string): Promise<T | undefined> => {
    checkId(id);
    return fetchOne<T>(ctx, 'roster-read', rosteringUrl(ctx, collection, id), wrapper);
  };
  return {
    orgs: (options) => read<Org>('orgs', options, 'orgs'),
    schools: (options) => read<Org>('orgs', options, 'schools'),
    academicSessions: (options) => read<AcademicSession>('academicSessions', options, 'academicSessions'),
    terms: (options) => read<AcademicSession>('academicSessions', options, 'terms'),
    gradingPeriodsForTerm: (termId, options) => read<AcademicSession>('academicSessions', options, 'terms', termId, 'gradingPeriods'),
    classes: (options) => read<OneRosterClass>('classes', options, 'classes'),
    classesForTeacher: (teacherId, options) => read<OneRosterClass>('classes', options, 'teachers', teacherId, 'classes'),
    classesForSchool: (schoolId, options) => read<OneRosterClass>('classes', options, 'schools', schoolId, 'classes'),
    users: (options) => read<User>('users', options, 'users'),
    teachers: (options) => read<User>('users', withEmail(options ?? {}), 'teachers'),
    students: (options) => read<User>('users', options, 'students'),
    studentsForClass: (classId, options) => read<User>('users', options, 'classes', classId, 'students'),
    teachersForClass: (classId, options) => read<User>('users', options, 'classes', classId, 'teachers'),
    enrollments: (options) => read<Enrollment>('enrollments', options, 'enrollments'),
    getClass: (classId) => one<OneRosterClass>('class', 'classes', classId),
    getUser: (userId) => one<User>('user', 'users', userId),
  };
}

/** Rostering endpoints (1.2 rostering root; 1.1 root): orgs, schools, sessions, courses, classes, users, enrollments. */
import { resolveIds } from '../data/store.js';
import type { ClassRecord, EnrollmentRecord, SessionRecord, SessionType, UserRecord, UserRole } from '../data/types.js';
import { notFound } from '../http/respond.js';
import type { ApiCall } from './call.js';
import { sendList, sendOne } from './listing.js';
import { ROSTER_READ, type RouteDef } from './route-def.js';
import {
  serializeClass, serializeCourse, serializeEnrollment, serializeOrg, serializeSession, serializeUser,
} from './serialize.js';

function get(pattern: string, handler: (call: ApiCall) => void): RouteDef {
  return { method: 'GET', pattern, api: 'rostering', scopes: ROSTER_READ, handler };
}

const id = (call: ApiCall, i = 0): string => call.params[i] ?? '';

function sessionsOfType(call: ApiCall, type: SessionType): SessionRecord[] {
  return [...call.runtime.store.sessions.values()].filter((session) => session.type === type);
}

function sessionOfType(call: ApiCall, type: SessionType | undefined): SessionRecord | undefined {
  const session = call.runtime.store.sessions.get(id(call));
  return session && (type === undefined || session.type === type) ? session : undefined;
}

function usersWithRole(call: ApiCall, role: UserRole): UserRecord[] {
  return resolveIds(call.runtime.store.usersByRole.get(role), call.runtime.store.users);
}

function requireUser(call: ApiCall, role: UserRole | undefined): UserRecord {
  const user = call.runtime.store.users.get(id(call));
  if (!user || (role !== undefined && user.role !== role)) throw notFound(`${role ?? 'user'} "${id(call)}"`);
  return user;
}

function requireClass(call: ApiCall, i = 0): ClassRecord {
  const klass = call.runtime.store.classes.get(id(call, i));
  if (!klass) throw notFound(`class "${id(call, i)}"`);
  return klass;
}

function requireSchool(call: ApiCall): string {
  if (!call.runtime.store.school(id(call))) throw notFound(`school "${id(call)}"`);
  return id(call);
}

function classesOfUser(call: ApiCall, user: UserRecord): ClassRecord[] {
  const store = call.runtime.store;
  return resolveIds(new Set(store.userEnrollments(user.sourcedId).map((e) => e.classId)), store.classes);
}

function classMembers(call: ApiCall, klass: ClassRecord, role: 'teacher' | 'student'): UserRecord[] {
  const store = call.runtime.store;
  return resolveIds(new Set(store.classEnrollments(klass.sourcedId, role).map((e) => e.userId)), store.users);
}

function schoolMembers(call: ApiCall, schoolId: string, role: UserRole): UserRecord[] {
  return usersWithRole(call, role).filter((user) => user.orgIds.includes(schoolId));
}

function schoolEnrollments(call: ApiCall, schoolId: string): EnrollmentRecord[] {
  const store = call.runtime.store;
  return [...(store.classesBySchool.get(schoolId) ?? [])].flatMap((classId) => store.classEnrollments(classId));
}

function classInSchool(call: ApiCall): ClassRecord {
  requireSchool(call);
  const klass = requireClass(call, 1);
  if (klass.schoolId !== id(call)) throw notFound(`class "${klass.sourcedId}" in school "${id(call)}"`);
  return klass;
}

const users = (call: ApiCall, records: UserRecord[]) => sendList(call, 'user', 'users', records, serializeUser);
const classes = (call: ApiCall, records: ClassRecord[]) => sendList(call, 'class', 'classes', records, serializeClass);
const sessions = (call: ApiCall, records: SessionRecord[]) => sendList(call, 'academicSession', 'academicSessions', records, serializeSession);
const enrollments = (call: ApiCall, records: EnrollmentRecord[]) => sendList(call, 'enrollment', 'enrollments', records, serializeEnrollment);
const oneSession = (call: ApiCall, type: SessionType | undefined, what: string) => sendOne(call, 'academicSession', 'academicSession', sessionOfType(call, type), serializeSession, what);
const oneUser = (call: ApiCall, role: UserRole | undefined) => sendOne(call, 'user', 'user', requireUser(call, role), serializeUser, role ?? 'user');

export const ROSTERING_ROUTES: RouteDef[] = [
  get('orgs', (c) => sendList(c, 'org', 'orgs', [...c.runtime.store.orgs.values()], serializeOrg)),
  get('orgs/:', (c) => sendOne(c, 'org', 'org', c.runtime.store.orgs.get(id(c)), serializeOrg, 'org')),
  get('schools', (c) => sendList(c, 'org', 'orgs', [...c.runtime.store.orgs.values()].filter((o) => o.type === 'school'), serializeOrg)),
  get('schools/:', (c) => sendOne(c, 'org', 'org', c.runtime.store.school(id(c)), serializeOrg, 'school')),
  get('schools/:/classes', (c) => classes(c, resolveIds(c.runtime.store.classesBySchool.get(requireSchool(c)), c.runtime.store.classes))),
  get('schools/:/courses', (c) => {
    const schoolId = requireSchool(c);
    sendList(c, 'course', 'courses', [...c.runtime.store.courses.values()].filter((x) => x.orgId === schoolId), serializeCourse);
  }),
  get('schools/:/enrollments', (c) => enrollments(c, schoolEnrollments(c, requireSchool(c)))),
  get('schools/:/students', (c) => users(c, schoolMembers(c, requireSchool(c), 'student'))),
  get('schools/:/teachers', (c) => users(c, schoolMembers(c, requireSchool(c), 'teacher'))),
  get('schools/:/terms', (c) => (requireSchool(c), sessions(c, sessionsOfType(c, 'term')))),
  get('schools/:/classes/:/enrollments', (c) => enrollments(c, c.runtime.store.classEnrollments(classInSchool(c).sourcedId))),
  get('schools/:/classes/:/students', (c) => users(c, classMembers(c, classInSchool(c), 'student'))),
  get('schools/:/classes/:/teachers', (c) => users(c, classMembers(c, classInSchool(c), 'teacher'))),
  get('academicSessions', (c) => sessions(c, [...c.runtime.store.sessions.values()])),
  get('academicSessions/:', (c) => oneSession(c, undefined, 'academic session')),
  get('terms', (c) => sessions(c, sessionsOfType(c, 'term'))),
  get('terms/:', (c) => oneSession(c, 'term', 'term')),
  get('terms/:/classes', (c) => {
    if (!sessionOfType(c, 'term')) throw notFound(`term "${id(c)}"`);
    classes(c, resolveIds(c.runtime.store.classesByTerm.get(id(c)), c.runtime.store.classes));
  }),
  get('terms/:/gradingPeriods', (c) => {
    const term = sessionOfType(c, 'term');
    if (!term) throw notFound(`term "${id(c)}"`);
    sessions(c, resolveIds(term.childIds, c.runtime.store.sessions).filter((s) => s.type === 'gradingPeriod'));
  }),
  get('gradingPeriods', (c) => sessions(c, sessionsOfType(c, 'gradingPeriod'))),
  get('gradingPeriods/:', (c) => oneSession(c, 'gradingPeriod', 'grading period')),
  get('courses', (c) => sendList(c, 'course', 'courses', [...c.runtime.store.courses.values()], serializeCourse)),
  get('courses/:', (c) => sendOne(c, 'course', 'course', c.runtime.store.courses.get(id(c)), serializeCourse, 'course')),
  get('courses/:/classes', (c) => {
    if (!c.runtime.store.courses.has(id(c))) throw notFound(`course "${id(c)}"`);
    classes(c, resolveIds(c.runtime.store.classesByCourse.get(id(c)), c.runtime.store.classes));
  }),
  get('classes', (c) => classes(c, [...c.runtime.store.classes.values()])),
  get('classes/:', (c) => sendOne(c, 'class', 'class', c.runtime.store.classes.get(id(c)), serializeClass, 'class')),
  get('classes/:/students', (c) => users(c, classMembers(c, requireClass(c), 'student'))),
  get('classes/:/teachers', (c) => users(c, classMembers(c, requireClass(c), 'teacher'))),
  get('enrollments', (c) => enrollments(c, [...c.runtime.store.enrollments.values()])),
  get('enrollments/:', (c) => sendOne(c, 'enrollment', 'enrollment', c.runtime.store.enrollments.get(id(c)), serializeEnrollment, 'enrollment')),
  get('users', (c) => users(c, [...c.runtime.store.users.values()])),
  get('users/:', (c) => oneUser(c, undefined)),
  get('users/:/classes', (c) => classes(c, classesOfUser(c, requireUser(c, undefined)))),
  get('teachers', (c) => users(c, usersWithRole(c, 'teacher'))),
  get('teachers/:', (c) => oneUser(c, 'teacher')),
  get('teachers/:/classes', (c) => classes(c, classesOfUser(c, requireUser(c, 'teacher')))),
  get('students', (c) => users(c, usersWithRole(c, 'student'))),
  get('students/:', (c) => oneUser(c, 'student')),
  get('students/:/classes', (c) => classes(c, classesOfUser(c, requireUser(c, 'student')))),
];

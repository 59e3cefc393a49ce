/** The API's routes: method + path pattern -> required scopes (any of) and handler. */
import { SCOPES } from '../../classroom/scopes.js';
import * as courses from './api-courses.js';
import * as roster from './api-roster.js';
import * as work from './api-work.js';
import type { ApiCall } from './call.js';

const AUTH = 'https://www.googleapis.com/auth/';
const COURSES_READ = [SCOPES.courses, SCOPES.coursesReadonly];
const COURSES_WRITE = [SCOPES.courses];
const ROSTERS_READ = [SCOPES.rosters, SCOPES.rostersReadonly];
const ROSTERS_WRITE = [SCOPES.rosters];
const WORK_READ = [SCOPES.courseworkStudents, SCOPES.courseworkStudentsReadonly, `${AUTH}classroom.coursework.me`, `${AUTH}classroom.coursework.me.readonly`];
const PROFILES = [...ROSTERS_READ, SCOPES.profileEmails, `${AUTH}classroom.profile.photos`];

export interface Route {
  method: string;
  /** Segments; `:name` captures. */
  pattern: string[];
  scopes: readonly string[];
  /** Reads a JSON body first when true. */
  body?: boolean;
  run(call: ApiCall, body: Record<string, unknown>): void;
}

function route(method: string, path: string, scopes: readonly string[], run: Route['run'], body = false): Route {
  return { method, pattern: path.split('/').filter(Boolean), scopes, run, body };
}

export const ROUTES: readonly Route[] = [
  route('GET', 'v1/courses', COURSES_READ, courses.listCourses),
  route('POST', 'v1/courses', COURSES_WRITE, courses.createCourse, true),
  route('GET', 'v1/courses/:courseId', COURSES_READ, courses.getCourse),
  route('PATCH', 'v1/courses/:courseId', COURSES_WRITE, courses.patchCourse, true),
  route('DELETE', 'v1/courses/:courseId', COURSES_WRITE, courses.deleteCourse),
  route('GET', 'v1/courses/:courseId/aliases', COURSES_READ, courses.listAliases),
  route('POST', 'v1/courses/:courseId/aliases', COURSES_WRITE, courses.createAlias, true),
  route('DELETE', 'v1/courses/:courseId/aliases/:alias', COURSES_WRITE, courses.deleteAlias),
  route('GET', 'v1/courses/:courseId/gradingPeriodSettings', COURSES_READ, courses.gradingPeriodSettings),
  route('GET', 'v1/courses/:courseId/courseWork', WORK_READ, work.listCourseWork),
  route('GET', 'v1/courses/:courseId/courseWork/:courseWorkId', WORK_READ, work.getCourseWork),
  route('GET', 'v1/courses/:courseId/courseWork/:courseWorkId/studentSubmissions', WORK_READ, work.listSubmissions),
  route('GET', 'v1/courses/:courseId/students', ROSTERS_READ, (call) => roster.listMembers(call, 'student')),
  route('POST', 'v1/courses/:courseId/students', ROSTERS_WRITE, (call, body) => roster.addMember(call, 'student', body), true),
  route('GET', 'v1/courses/:courseId/students/:userId', ROSTERS_READ, (call) => roster.getMember(call, 'student')),
  route('DELETE', 'v1/courses/:courseId/students/:userId', ROSTERS_WRITE, (call) => roster.removeMember(call, 'student')),
  route('GET', 'v1/courses/:courseId/teachers', ROSTERS_READ, (call) => roster.listMembers(call, 'teacher')),
  route('POST', 'v1/courses/:courseId/teachers', ROSTERS_WRITE, (call, body) => roster.addMember(call, 'teacher', body), true),
  route('GET', 'v1/courses/:courseId/teachers/:userId', ROSTERS_READ, (call) => roster.getMember(call, 'teacher')),
  route('DELETE', 'v1/courses/:courseId/teachers/:userId', ROSTERS_WRITE, (call) => roster.removeMember(call, 'teacher')),
  route('GET', 'v1/userProfiles/:userId', PROFILES, roster.getUserProfile),
];

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed' };

function matchPattern(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i]!;
    const segment = segments[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}

export function matchRoute(method: string, path: string): RouteMatch {
  let segments: string[];
  try {
    segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { kind: 'not-found' };
  }
  let pathMatched = false;
  for (const candidate of ROUTES) {
    const params = matchPattern(candidate.pattern, segments);
    if (params === undefined) continue;
    if (candidate.method === method) return { kind: 'found', route: candidate, params };
    pathMatched = true;
  }
  return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}

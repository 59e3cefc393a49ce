/** students and teachers of a course (list, get, add, remove) and userProfiles. */
import { canSeeEmails, nowIso, requireCourse, requireUser, type ApiCall } from './call.js';
import { pageOf } from './paging.js';
import { alreadyExists, invalid, notFound, preconditionFailed, sendJson } from './respond.js';
import { memberJson, profileJson } from './serialize.js';
import { blankSubmissions } from './seed-work.js';
import type { Role } from './store.js';
import type { EmUser } from './types.js';

const FIELD: Record<Role, string> = { teacher: 'teachers', student: 'students' };

export function listMembers(call: ApiCall, role: Role): void {
  const course = requireCourse(call, call.params.courseId!);
  const { store } = call.state;
  const users: EmUser[] = [];
  for (const id of store.members[role].get(course.id) ?? []) {
    const user = store.users.get(id);
    if (user !== undefined) users.push(user);
  }
  const page = pageOf(users, call.ctx.path, call.ctx.query, call.state.limits);
  const emails = canSeeEmails(call);
  sendJson(call.ctx, 200, {
    [FIELD[role]]: page.items.length > 0 ? page.items.map((u) => memberJson(course.id, u, emails)) : undefined,
    nextPageToken: page.nextPageToken,
  });
}

export function getMember(call: ApiCall, role: Role): void {
  const course = requireCourse(call, call.params.courseId!);
  const user = requireUser(call, call.params.userId!);
  if (!call.state.store.isMember(role, course.id, user.id)) throw notFound(`${role} ${call.params.userId}`);
  sendJson(call.ctx, 200, memberJson(course.id, user, canSeeEmails(call)));
}

export function addMember(call: ApiCall, role: Role, body: Record<string, unknown>): void {
  const { store } = call.state;
  const course = requireCourse(call, call.params.courseId!);
  if (typeof body.userId !== 'string' || body.userId === '') throw invalid(`${role}.userId is required.`);
  const user = requireUser(call, body.userId);
  if (store.isMember('teacher', course.id, user.id) || store.isMember('student', course.id, user.id)) {
    throw alreadyExists(`${user.id} is already a member of course ${course.id}`);
  }
  store.addMember(role, course.id, user.id);
  if (role === 'student') {
    // Work assigned to all students reaches a newly enrolled student too.
    const time = nowIso(call);
    for (const work of store.courseWorkByCourse.get(course.id)?.values() ?? []) {
      if (work.state !== 'PUBLISHED') continue;
      for (const submission of blankSubmissions({ next: (kind) => store.nextId(kind), last: () => 0 }, work, [user.id], time)) store.putSubmission(submission);
    }
  }
  sendJson(call.ctx, 200, memberJson(course.id, user, canSeeEmails(call)));
}

export function removeMember(call: ApiCall, role: Role): void {
  const { store } = call.state;
  const course = requireCourse(call, call.params.courseId!);
  const user = requireUser(call, call.params.userId!);
  if (!store.isMember(role, course.id, user.id)) throw notFound(`${role} ${call.params.userId}`);
  if (role === 'teacher' && course.ownerId === user.id) throw preconditionFailed('CannotRemoveCourseOwner: the course owner cannot be removed.');
  store.removeMember(role, course.id, user.id);
  sendJson(call.ctx, 200, {});
}

export function getUserProfile(call: ApiCall): void {
  const user = requireUser(call, call.params.userId!);
  sendJson(call.ctx, 200, profileJson(user, canSeeEmails(call)));
}

/** courses: list (teacherId, studentId, courseStates), get, create (with alias), patch, delete; aliases. */
import type { CourseState } from '../../classroom/types.js';
import { nowIso, requireCourse, requireUser, type ApiCall } from './call.js';
import { pageOf } from './paging.js';
import { alreadyExists, invalid, notFound, preconditionFailed, sendJson } from './respond.js';
import { courseJson } from './serialize.js';
import type { EmCourse } from './types.js';

const STATES: readonly CourseState[] = ['ACTIVE', 'ARCHIVED', 'PROVISIONED', 'DECLINED', 'SUSPENDED'];
const PATCHABLE = ['name', 'section', 'descriptionHeading', 'description', 'room', 'courseState', 'ownerId'] as const;

function courseIdsFor(call: ApiCall): Iterable<string> {
  const { store } = call.state;
  const teacherRef = call.ctx.query.get('teacherId');
  const studentRef = call.ctx.query.get('studentId');
  const teacher = teacherRef === null ? undefined : requireUser(call, teacherRef);
  const student = studentRef === null ? undefined : requireUser(call, studentRef);
  const taught = teacher === undefined ? undefined : store.coursesByMember.teacher.get(teacher.id) ?? new Set<string>();
  const attended = student === undefined ? undefined : store.coursesByMember.student.get(student.id) ?? new Set<string>();
  if (taught !== undefined && attended !== undefined) return [...taught].filter((id) => attended.has(id));
  return taught ?? attended ?? store.courses.keys();
}

export function listCourses(call: ApiCall): void {
  const states = call.ctx.query.getAll('courseStates');
  for (const state of states) if (!STATES.includes(state as CourseState)) throw invalid(`Invalid value at 'course_states': ${state}`);
  const courses: EmCourse[] = [];
  for (const id of courseIdsFor(call)) {
    const course = call.state.store.courses.get(id);
    if (course !== undefined && (states.length === 0 || states.includes(course.courseState))) courses.push(course);
  }
  const page = pageOf(courses, call.ctx.path, call.ctx.query, call.state.limits);
  sendJson(call.ctx, 200, { courses: page.items.length > 0 ? page.items.map(courseJson) : undefined, nextPageToken: page.nextPageToken });
}

export function getCourse(call: ApiCall): void {
  sendJson(call.ctx, 200, courseJson(requireCourse(call, call.params.courseId!)));
}

function text(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`Invalid value at 'course.${field}'`);
  return value;
}

function checkAlias(alias: string): void {
  if (!/^[dp]:.+/.test(alias)) throw invalid(`Invalid alias ${alias}: it must start with d: or p:`);
}

export function createCourse(call: ApiCall, body: Record<string, unknown>): void {
  const { store } = call.state;
  const name = text(body, 'name');
  if (name === undefined || name.trim() === '') throw invalid('course.name is required.');
  const ownerRef = text(body, 'ownerId');
  if (ownerRef === undefined) throw invalid('course.ownerId is required.');
  const alias = text(body, 'id');
  if (alias !== undefined) {
    checkAlias(alias);
    if (store.aliases.has(alias)) throw alreadyExists(`alias ${alias}`);
  }
  const owner = requireUser(call, ownerRef);
  const state = (text(body, 'courseState') ?? 'PROVISIONED') as CourseState;
  if (state !== 'ACTIVE' && state !== 'PROVISIONED') throw invalid(`courseState ${state} cannot be set at creation.`);
  const now = nowIso(call);
  const id = store.nextId('course');
  const course: EmCourse = {
    id, name, section: text(body, 'section'), descriptionHeading: text(body, 'descriptionHeading'), description: text(body, 'description'),
    room: text(body, 'room'), ownerId: owner.id, courseState: state, enrollmentCode: `ec${id.slice(-6)}`, creationTime: now, updateTime: now,
    gradeCategories: [], gradingPeriods: [],
  };
  store.putCourse(course);
  store.addMember('teacher', id, owner.id);
  if (alias !== undefined) store.putAlias(alias, id);
  sendJson(call.ctx, 200, courseJson(course));
}

export function patchCourse(call: ApiCall, body: Record<string, unknown>): void {
  const course = requireCourse(call, call.params.courseId!);
  const mask = (call.ctx.query.get('updateMask') ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  if (mask.length === 0) throw invalid('updateMask is required.');
  for (const field of mask) if (!(PATCHABLE as readonly string[]).includes(field)) throw invalid(`Invalid field in updateMask: ${field}`);
  const next: EmCourse = { ...course };
  for (const field of mask as (typeof PATCHABLE)[number][]) {
    const value = text(body, field);
    if (field === 'courseState') {
      if (value === undefined || !STATES.includes(value as CourseState)) throw invalid(`Invalid courseState ${value ?? ''}`);
      next.courseState = value as CourseState;
    } else if (field === 'ownerId') {
      const owner = requireUser(call, value ?? '');
      if (!call.state.store.isMember('teacher', course.id, owner.id)) throw preconditionFailed('The new owner must be a teacher of the course.');
      next.ownerId = owner.id;
    } else if (field === 'name') {
      if (value === undefined || value.trim() === '') throw invalid('course.name cannot be empty.');
      next.name = value;
    } else {
      next[field] = value;
    }
  }
  next.updateTime = nowIso(call);
  call.state.store.putCourse(next);
  sendJson(call.ctx, 200, courseJson(next));
}

export function deleteCourse(call: ApiCall): void {
  const course = requireCourse(call, call.params.courseId!);
  call.state.store.deleteCourse(course.id);
  sendJson(call.ctx, 200, {});
}

export function listAliases(call: ApiCall): void {
  const course = requireCourse(call, call.params.courseId!);
  const aliases = [...(call.state.store.aliasesByCourse.get(course.id) ?? [])].map((alias) => ({ alias }));
  const page = pageOf(aliases, call.ctx.path, call.ctx.query, call.state.limits);
  sendJson(call.ctx, 200, { aliases: page.items.length > 0 ? page.items : undefined, nextPageToken: page.nextPageToken });
}

export function createAlias(call: ApiCall, body: Record<string, unknown>): void {
  const course = requireCourse(call, call.params.courseId!);
  const alias = typeof body.alias === 'string' ? body.alias : '';
  checkAlias(alias);
  if (call.state.store.aliases.has(alias)) throw alreadyExists(`alias ${alias}`);
  call.state.store.putAlias(alias, course.id);
  sendJson(call.ctx, 200, { alias });
}

export function deleteAlias(call: ApiCall): void {
  const course = requireCourse(call, call.params.courseId!);
  const alias = call.params.alias!;
  if (call.state.store.aliases.get(alias) !== course.id) throw notFound(`alias ${alias}`);
  call.state.store.deleteAlias(alias);
  sendJson(call.ctx, 200, {});
}

export function gradingPeriodSettings(call: ApiCall): void {
  const course = requireCourse(call, call.params.courseId!);
  sendJson(call.ctx, 200, course.gradingPeriods.length === 0 ? {} : { gradingPeriods: course.gradingPeriods, applyToExistingCoursework: true });
}

/** courseWork (list, get) and studentSubmissions (one courseWork or `-` for all of a course). */
import type { CourseWorkState, SubmissionState } from '../../classroom/types.js';
import { requireCourse, requireUser, type ApiCall } from './call.js';
import { pageOf } from './paging.js';
import { invalid, notFound, sendJson } from './respond.js';
import { courseWorkJson, submissionJson } from './serialize.js';
import type { EmCourseWork, EmSubmission } from './types.js';

const WORK_STATES: readonly CourseWorkState[] = ['PUBLISHED', 'DRAFT', 'DELETED'];
const SUBMISSION_STATES: readonly SubmissionState[] = ['NEW', 'CREATED', 'TURNED_IN', 'RETURNED', 'RECLAIMED_BY_STUDENT'];

export function listCourseWork(call: ApiCall): void {
  const course = requireCourse(call, call.params.courseId!);
  const requested = call.ctx.query.getAll('courseWorkStates');
  for (const state of requested) if (!WORK_STATES.includes(state as CourseWorkState)) throw invalid(`Invalid value at 'course_work_states': ${state}`);
  const states = requested.length === 0 ? ['PUBLISHED'] : requested;
  const items: EmCourseWork[] = [];
  for (const work of call.state.store.courseWorkByCourse.get(course.id)?.values() ?? []) {
    if (states.includes(work.state)) items.push(work);
  }
  const page = pageOf(items, call.ctx.path, call.ctx.query, call.state.limits);
  sendJson(call.ctx, 200, { courseWork: page.items.length > 0 ? page.items.map(courseWorkJson) : undefined, nextPageToken: page.nextPageToken });
}

function requireWork(call: ApiCall, courseId: string, workId: string): EmCourseWork {
  const work = call.state.store.courseWork.get(workId);
  if (work === undefined || work.courseId !== courseId) throw notFound(`courseWork ${workId}`);
  return work;
}

export function getCourseWork(call: ApiCall): void {
  const course = requireCourse(call, call.params.courseId!);
  sendJson(call.ctx, 200, courseWorkJson(requireWork(call, course.id, call.params.courseWorkId!)));
}

function lateFilter(value: string | null): ((s: EmSubmission) => boolean) | undefined {
  if (value === null || value === 'LATE_VALUES_UNSPECIFIED') return undefined;
  if (value === 'LATE_ONLY') return (s) => s.late;
  if (value === 'NOT_LATE_ONLY') return (s) => !s.late;
  throw invalid(`Invalid value at 'late': ${value}`);
}

export function listSubmissions(call: ApiCall): void {
  const { store } = call.state;
  const { query } = call.ctx;
  const course = requireCourse(call, call.params.courseId!);
  const workId = call.params.courseWorkId!;
  const works = workId === '-' ? [...(store.courseWorkByCourse.get(course.id)?.values() ?? [])] : [requireWork(call, course.id, workId)];
  const states = query.getAll('states');
  for (const state of states) if (!SUBMISSION_STATES.includes(state as SubmissionState)) throw invalid(`Invalid value at 'states': ${state}`);
  const userRef = query.get('userId');
  const userId = userRef === null ? undefined : requireUser(call, userRef).id;
  const late = lateFilter(query.get('late'));
  const items: EmSubmission[] = [];
  for (const work of works) {
    for (const s of store.submissionsByCourseWork.get(work.id)?.values() ?? []) {
      if (userId !== undefined && s.userId !== userId) continue;
      if (states.length > 0 && !states.includes(s.state)) continue;
      if (late !== undefined && !late(s)) continue;
      items.push(s);
    }
  }
  const page = pageOf(items, call.ctx.path, query, call.state.limits);
  sendJson(call.ctx, 200, { studentSubmissions: page.items.length > 0 ? page.items.map(submissionJson) : undefined, nextPageToken: page.nextPageToken });
}

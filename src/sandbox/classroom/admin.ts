/**
 * Changes tests drive directly on the emulator's data (also served over HTTP under
 * `<prefix>/admin/`): grades, courseWork added or deleted, courses removed, users added,
 * forced failures, token revocation, reset.
 */
import type { CourseWorkState, SubmissionState } from '../../classroom/types.js';
import { toGoogleDate } from './dates.js';
import { blankSubmissions } from './seed-work.js';
import type { ClassroomStore } from './store.js';
import type { EmCourseWork, EmSubmission, EmUser, RequestLogEntry } from './types.js';

export interface GradePatch {
  /** null removes the grade. */
  assignedGrade?: number | null;
  draftGrade?: number | null;
  state?: SubmissionState;
  late?: boolean;
}

export interface NewCourseWork {
  title: string;
  maxPoints?: number;
  /** YYYY-MM-DD */
  dueDate?: string;
  dueTime?: { hours?: number; minutes?: number };
  /** Name of one of the course's grade categories (case-insensitive). */
  gradeCategory?: string;
  gradingPeriodId?: string;
  state?: CourseWorkState;
}

export interface ForcedFailure {
  status: 429 | 500 | 503;
  retryAfterSeconds?: number;
  /** Only requests with this method fail (e.g. PATCH); others pass untouched. */
  method?: string;
}

export interface ClassroomEmulatorAdmin {
  /** Finds a submission by course (id or alias), courseWork id and user (id or email). */
  findSubmission(courseRef: string, courseWorkId: string, userRef: string): EmSubmission | undefined;
  setGrades(submissionId: string, patch: GradePatch): EmSubmission;
  addCourseWork(courseRef: string, input: NewCourseWork): EmCourseWork;
  deleteCourseWork(courseRef: string, courseWorkId: string): boolean;
  removeCourse(courseRef: string): boolean;
  addUser(user: { email: string; givenName?: string; familyName?: string }): EmUser;
  /** The next `count` API or token requests (of `failure.method` only, when set) fail with `status` (after any injected faults). */
  failNext(count: number, failure?: ForcedFailure): void;
  /** Invalidates every issued access token (the next call gets 401 and must refresh). */
  revokeTokens(): void;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  summary(): Record<string, number>;
  /** Back to the seeded data. */
  reset(): void;
}

export interface AdminDeps {
  store(): ClassroomStore;
  now(): Date;
  revokeTokens(): void;
  log: { list(): RequestLogEntry[]; clear(): void };
  forced: ForcedFailure[];
  reset(): void;
}

function fail(message: string): never {
  throw Object.assign(new Error(message), { adminStatus: 404 });
}

export function createAdmin(deps: AdminDeps): ClassroomEmulatorAdmin {
  const course = (ref: string) => deps.store().resolveCourse(ref) ?? fail(`no course ${ref}`);
  return {
    findSubmission(courseRef, courseWorkId, userRef) {
      const store = deps.store();
      const c = store.resolveCourse(courseRef);
      const user = store.resolveUser(userRef, undefined);
      if (c === undefined || user === undefined) return undefined;
      for (const s of store.submissionsByCourseWork.get(courseWorkId)?.values() ?? []) if (s.userId === user.id && s.courseId === c.id) return s;
      return undefined;
    },
    setGrades(submissionId, patch) {
      const store = deps.store();
      const found = store.submissions.get(submissionId) ?? fail(`no submission ${submissionId}`);
      const next: EmSubmission = { ...found, updateTime: deps.now().toISOString() };
      if (patch.assignedGrade !== undefined) next.assignedGrade = patch.assignedGrade ?? undefined;
      if (patch.draftGrade !== undefined) next.draftGrade = patch.draftGrade ?? undefined;
      if (patch.state !== undefined) next.state = patch.state;
      if (patch.late !== undefined) next.late = patch.late;
      store.putSubmission(next);
      return next;
    },
    addCourseWork(courseRef, input) {
      const store = deps.store();
      const c = course(courseRef);
      const time = deps.now().toISOString();
      const category = input.gradeCategory === undefined ? undefined
        : c.gradeCategories.find((g) => g.name.toLowerCase() === input.gradeCategory!.toLowerCase()) ?? fail(`no grade category ${input.gradeCategory} in course ${c.id}`);
      const work: EmCourseWork = {
        id: store.nextId('courseWork'), courseId: c.id, title: input.title, state: input.state ?? 'PUBLISHED', maxPoints: input.maxPoints ?? 100,
        dueDate: input.dueDate === undefined ? undefined : toGoogleDate(input.dueDate), dueTime: input.dueDate === undefined ? undefined : input.dueTime ?? { hours: 23, minutes: 59 },
        creationTime: time, updateTime: time, gradeCategory: category, gradingPeriodId: input.gradingPeriodId,
      };
      store.putCourseWork(work);
      if (work.state === 'PUBLISHED') {
        const ids = { next: store.nextId.bind(store), last: () => 0 };
        for (const s of blankSubmissions(ids, work, store.members.student.get(c.id) ?? [], time)) store.putSubmission(s);
      }
      return work;
    },
    deleteCourseWork(courseRef, courseWorkId) {
      const c = deps.store().resolveCourse(courseRef);
      const work = deps.store().courseWork.get(courseWorkId);
      if (c === undefined || work === undefined || work.courseId !== c.id) return false;
      return deps.store().deleteCourseWork(courseWorkId);
    },
    removeCourse(courseRef) {
      const c = deps.store().resolveCourse(courseRef);
      return c === undefined ? false : deps.store().deleteCourse(c.id);
    },
    addUser(input) {
      const store = deps.store();
      const existing = store.resolveUser(input.email, undefined);
      if (existing !== undefined) return existing;
      const local = input.email.split('@')[0] ?? input.email;
      const user: EmUser = { id: store.nextId('user'), email: input.email, givenName: input.givenName ?? local, familyName: input.familyName ?? 'User' };
      store.putUser(user);
      return user;
    },
    failNext(count, failure = { status: 429, retryAfterSeconds: 0 }) {
      for (let i = 0; i < count; i++) deps.forced.push(failure);
    },
    revokeTokens: () => deps.revokeTokens(),
    requests: () => deps.log.list(),
    clearRequests: () => deps.log.clear(),
    summary: () => deps.store().counts(),
    reset: () => deps.reset(),
  };
}

/**
 * The roster writer: executes a RosterPlan course by course with bounded concurrency, through the
 * Classroom client (which keeps the quota). Each course's create, field update, member changes and
 * archive are journaled, so a run that dies leaves a trace; the next run re-plans from Classroom itself, and
 * every step is safe to repeat: a create carries the alias (a repeat answers ALREADY_EXISTS), a
 * field update sets values (repeating it changes nothing), a repeated add answers ALREADY_EXISTS,
 * a repeated removal NOT_FOUND.
 */
import { journaled } from '../../apply/journal.js';
import { isClassroomError, type ClassroomClient } from '../../classroom/index.js';
import { SislinkError } from '../../errors.js';
import { mapConcurrent } from '../../http/index.js';
import type { StateStore } from '../../state/types.js';
import { createLimiter } from '../limiter.js';
import { patchOf } from './fields.js';
import { createApplyTally, type ApplyCounts, type ApplyTally } from './tally.js';
import type { RosterAction, RosterPlan } from './types.js';

export const DEFAULT_COURSE_CONCURRENCY = 4;
export const DEFAULT_WRITE_CONCURRENCY = 16;
const PROGRESS_EVERY = 100;

export type RosterWrites = Pick<ClassroomClient, 'createCourse' | 'findCourse' | 'createAlias' | 'patchCourse' | 'addStudent' | 'addTeacher' | 'removeStudent' | 'removeTeacher' | 'archiveCourse'>;

export interface RosterApplyProgress {
  coursesDone: number;
  coursesTotal: number;
  actionsDone: number;
  actionsTotal: number;
  elapsedMs: number;
}

export interface RosterApplyDeps {
  classroom: RosterWrites;
  store: StateStore;
  district: string;
  job: string;
  runId: string;
  planHash: string;
  courseConcurrency?: number;
  writeConcurrency?: number;
  onProgress?: (progress: RosterApplyProgress) => void;
}

interface CourseGroup {
  alias: string;
  classId: string;
  actions: RosterAction[];
}

export function groupByCourse(actions: readonly RosterAction[]): CourseGroup[] {
  const groups = new Map<string, CourseGroup>();
  for (const action of actions) {
    let group = groups.get(action.alias);
    if (group === undefined) groups.set(action.alias, (group = { alias: action.alias, classId: action.classId, actions: [] }));
    group.actions.push(action);
  }
  return [...groups.values()];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isFatal(error: unknown): boolean {
  return error instanceof SislinkError && error.code === 'AUTH_FAILED';
}

type Create = Extract<RosterAction, { kind: 'create-course' }>;
type Update = Extract<RosterAction, { kind: 'update-course' }>;
type Adopt = Extract<RosterAction, { kind: 'add-alias' }>;

/** Course-level actions; the rest of a group are member changes. */
const COURSE_KINDS: ReadonlySet<RosterAction['kind']> = new Set(['create-course', 'update-course', 'add-alias', 'archive-course']);

/** Adds the alias; true when it was there already (a repeat after a crash), on this same course. */
async function addAlias(classroom: RosterWrites, action: Adopt): Promise<boolean> {
  try {
    await classroom.createAlias(action.courseId, action.alias);
    return false;
  } catch (error) {
    if (!isClassroomError(error, 'ALREADY_EXISTS')) throw error;
    const holder = await classroom.findCourse(action.alias);
    if (holder?.id === action.courseId) return true;
    throw new SislinkError('APPLY_REFUSED', `alias ${action.alias} already names course ${holder?.id ?? '(unknown)'}, not ${action.courseId}`);
  }
}

/** The course an existing course's actions address: its id (a fallback match has no alias). */
function existingCourseRef(group: CourseGroup): string {
  for (const action of group.actions) if ('courseId' in action && action.courseId !== undefined) return action.courseId;
  return group.alias;
}

/** Creates the course, trying the next teacher as owner when one is not in the domain. */
async function createCourse(classroom: RosterWrites, action: Create, tally: ApplyTally): Promise<{ courseId: string; existed: boolean; owner?: string } | undefined> {
  for (const owner of action.ownerCandidates) {
    try {
      const course = await classroom.createCourse({ alias: action.alias, ownerId: owner, ...action.fields });
      return { courseId: course.id, existed: false, owner };
    } catch (error) {
      if (isClassroomError(error, 'ALREADY_EXISTS')) {
        const course = await classroom.findCourse(action.alias);
        if (course !== undefined) return { courseId: course.id, existed: true };
      }
      if (!isClassroomError(error, 'NOT_FOUND')) throw error;
      tally.notFound({ email: owner, classId: action.classId, role: 'owner' });
    }
  }
  return undefined;
}

async function applyMember(classroom: RosterWrites, courseRef: string, action: RosterAction, tally: ApplyTally): Promise<void> {
  try {
    switch (action.kind) {
      case 'add-teacher': await classroom.addTeacher(courseRef, action.email); break;
      case 'add-student': await classroom.addStudent(courseRef, action.email); break;
      case 'remove-teacher': await classroom.removeTeacher(courseRef, action.userId); break;
      case 'remove-student': await classroom.removeStudent(courseRef, action.userId); break;
      default: return;
    }
    tally.applied(action.kind);
  } catch (error) {
    if (isFatal(error)) throw error;
    const adding = action.kind === 'add-teacher' || action.kind === 'add-student';
    if (adding && isClassroomError(error, 'ALREADY_EXISTS')) return tally.alreadyDone(action.kind);
    if (!adding && isClassroomError(error, 'NOT_FOUND')) return tally.alreadyDone(action.kind);
    if (adding && isClassroomError(error, 'NOT_FOUND')) {
      return tally.notFound({ email: action.email, classId: action.classId, role: action.kind === 'add-teacher' ? 'teacher' : 'student' });
    }
    tally.failed({ kind: action.kind, alias: action.alias, target: 'email' in action ? action.email : action.alias, error: message(error) });
  }
}

export async function applyRosterPlan(deps: RosterApplyDeps, plan: RosterPlan): Promise<ApplyCounts> {
  const started = Date.now();
  const tally = createApplyTally();
  const groups = groupByCourse(plan.actions);
  const writes = createLimiter(deps.writeConcurrency ?? DEFAULT_WRITE_CONCURRENCY);
  const entry = (alias: string, step: string, data: Record<string, unknown>) => ({
    runId: deps.runId, district: deps.district, actionId: `roster:${deps.job}:${alias}:${step}`, planHash: deps.planHash, data,
  });
  let coursesDone = 0;
  let reported = 0;
  const progress = (force: boolean) => {
    if (deps.onProgress === undefined || (!force && tally.done() - reported < PROGRESS_EVERY)) return;
    reported = tally.done();
    deps.onProgress({ coursesDone, coursesTotal: groups.length, actionsDone: tally.done(), actionsTotal: plan.actions.length, elapsedMs: Date.now() - started });
  };

  async function applyUpdate(update: Update): Promise<void> {
    const fields = update.changes.map((change) => change.field);
    try {
      await journaled(deps.store, entry(update.alias, 'update', { courseId: update.courseId, fields }), async () => {
        await writes.run(() => deps.classroom.patchCourse(update.courseId, patchOf(update.changes)));
        return { updated: fields };
      });
      tally.applied('update-course');
    } catch (error) {
      if (isFatal(error)) throw error;
      tally.failed({ kind: 'update-course', alias: update.alias, target: fields.join(','), error: message(error) });
    }
    progress(false);
  }

  /** A failed adoption leaves the course matched by the fallback: its members are still synced. */
  async function applyAdopt(adopt: Adopt): Promise<void> {
    try {
      const outcome = await journaled(deps.store, entry(adopt.alias, 'alias', { courseId: adopt.courseId }), async () => {
        return { existed: await writes.run(() => addAlias(deps.classroom, adopt)) };
      });
      if (outcome.existed) tally.alreadyDone('add-alias');
      else tally.applied('add-alias');
    } catch (error) {
      if (isFatal(error)) throw error;
      tally.failed({ kind: 'add-alias', alias: adopt.alias, target: adopt.courseId, error: message(error) });
    }
    progress(false);
  }

  async function applyCourse(group: CourseGroup): Promise<void> {
    const create = group.actions.find((action): action is Create => action.kind === 'create-course');
    let courseRef = existingCourseRef(group);
    if (create !== undefined) {
      let created: { created: boolean; courseId?: string };
      try {
        created = await journaled(deps.store, entry(group.alias, 'create', { alias: group.alias, owner: create.owner }), async () => {
          const result = await writes.run(() => createCourse(deps.classroom, create, tally));
          return result === undefined ? { created: false } : { created: !result.existed, courseId: result.courseId };
        });
      } catch (error) {
        if (isFatal(error)) throw error;
        tally.failed({ kind: 'create-course', alias: group.alias, target: create.owner, error: message(error) });
        tally.skipped(group.actions.length - 1);
        return;
      }
      if (created.courseId === undefined) {
        // No teacher of the class is in the domain (each was reported as not found): skip, not fail.
        tally.skipped(group.actions.length);
        return;
      }
      if (created.created) tally.applied('create-course');
      else tally.alreadyDone('create-course');
      courseRef = created.courseId;
    }
    const update = group.actions.find((action): action is Update => action.kind === 'update-course');
    if (update !== undefined) await applyUpdate(update);
    const adopt = group.actions.find((action): action is Adopt => action.kind === 'add-alias');
    if (adopt !== undefined) await applyAdopt(adopt);
    const members = group.actions.filter((action) => !COURSE_KINDS.has(action.kind));
    if (members.length > 0) {
      const data = { adds: members.filter((a) => a.kind.startsWith('add')).length, removes: members.filter((a) => a.kind.startsWith('remove')).length };
      await journaled(deps.store, entry(group.alias, 'members', data), async () => {
        await Promise.all(members.map((action) => writes.run(async () => {
          await applyMember(deps.classroom, courseRef, action, tally);
          progress(false);
        })));
        return data;
      });
    }
    const archive = group.actions.find((action) => action.kind === 'archive-course');
    if (archive === undefined || archive.kind !== 'archive-course') return;
    try {
      await journaled(deps.store, entry(group.alias, 'archive', { courseId: archive.courseId }), async () => {
        await writes.run(() => deps.classroom.archiveCourse(archive.courseId));
        return { archived: true };
      });
      tally.applied('archive-course');
    } catch (error) {
      if (isFatal(error)) throw error;
      tally.failed({ kind: 'archive-course', alias: group.alias, target: archive.courseId, error: message(error) });
    }
  }

  await mapConcurrent(groups, deps.courseConcurrency ?? DEFAULT_COURSE_CONCURRENCY, async (group) => {
    try {
      await applyCourse(group);
    } finally {
      coursesDone += 1;
      progress(true);
    }
  });
  return tally.counts();
}

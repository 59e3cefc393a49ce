/**
 * Exports one class: reads both sides, maps, compares with the checkpoints (content hashes) and
 * writes only what is new, changed or gone. Results wait for their lineItem; deletions run
 * results first. Per-item failures are recorded and do not stop the class.
 */
import type { ClassroomClient } from '../../classroom/index.js';
import type { Course, CourseWork, StudentSubmission } from '../../classroom/types.js';
import { SislinkError } from '../../errors.js';
import { isHttpError } from '../../http/index.js';
import type { OneRosterClient } from '../../oneroster/index.js';
import type { AcademicSession, Category, LineItemInput, OneRosterClass, ResultInput } from '../../oneroster/types.js';
import type { ExportItem, StateStore } from '../../state/types.js';
import { digest } from '../../util/canonical.js';
import type { Limiter } from '../limiter.js';
import { mapCourseWork, mapSubmission, type ClassContext, type Unmapped } from './mapping.js';
import type { ExportTally } from './tally.js';

export interface ExportSettings {
  district: string;
  job: string;
  namespace: string;
  version: '1.1' | '1.2';
  defaultCategory: string;
  includeDraftGrades: boolean;
  /** Re-send everything, whatever the checkpoints say. */
  full: boolean;
  /** Plan only: count what would be written, write nothing. */
  dryRun: boolean;
}

export interface ExportDeps {
  oneRoster: OneRosterClient;
  classroom: ClassroomClient;
  store: StateStore;
  limiter: Limiter;
  now: () => string;
  /** Grading periods per term, shared by the classes of one run. */
  termPeriods: Map<string, Promise<AcademicSession[]>>;
}

interface Desired<T> {
  id: string;
  body: T;
  hash: string;
  parentId: string;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function periodsFor(deps: ExportDeps, termIds: string[]): Promise<AcademicSession[]> {
  return Promise.all(
    termIds.map((termId) => {
      let periods = deps.termPeriods.get(termId);
      if (periods === undefined) {
        periods = collect(deps.oneRoster.gradingPeriodsForTerm(termId)).catch(() => []);
        deps.termPeriods.set(termId, periods);
      }
      return periods;
    }),
  ).then((lists) => lists.flat());
}

async function classContext(deps: ExportDeps, settings: ExportSettings, sisClass: OneRosterClass, course: Course, classroomStudents: Map<string, string>): Promise<ClassContext> {
  const [categories, sisStudents, gradingPeriods] = await Promise.all([
    collect(deps.oneRoster.categoriesForClass(sisClass.sourcedId)),
    collect(deps.oneRoster.studentsForClass(sisClass.sourcedId)),
    periodsFor(deps, (sisClass.terms ?? []).map((term) => term.sourcedId)),
  ]);
  const byEmail = new Map(sisStudents.filter((user) => user.email).map((user) => [String(user.email).toLowerCase(), user.sourcedId]));
  const students = new Map<string, string>();
  for (const [userId, email] of classroomStudents) {
    const sourcedId = byEmail.get(email);
    if (sourcedId !== undefined) students.set(userId, sourcedId);
  }
  return {
    namespace: settings.namespace,
    version: settings.version,
    classId: sisClass.sourcedId,
    schoolId: sisClass.school.sourcedId,
    courseId: course.id,
    categories: new Map(categories.map((category: Category) => [category.title.toLowerCase(), category])),
    classroomCategories: new Map((course.gradebookSettings?.gradeCategories ?? []).map((category) => [category.id, category.name])),
    defaultCategory: settings.defaultCategory,
    gradingPeriods,
    students,
    includeDraftGrades: settings.includeDraftGrades,
  };
}

function failureText(error: unknown): string {
  if (isHttpError(error)) return `${error.status ?? 'network'} ${error.imsx?.codeMinor ?? ''} ${error.message}`.replace(/\s+/g, ' ').trim();
  return error instanceof Error ? error.message : String(error);
}

/** Credential or authorisation failures stop the whole job: every other item would fail the same way. */
function isFatal(error: unknown): boolean {
  return error instanceof SislinkError && error.code === 'AUTH_FAILED';
}

function checkpoint(settings: ExportSettings, kind: ExportItem['kind'], item: Desired<unknown>, at: string): ExportItem {
  return { district: settings.district, job: settings.job, itemId: item.id, kind, contentHash: item.hash, parentId: item.parentId, updatedAt: at };
}

export async function exportClass(deps: ExportDeps, settings: ExportSettings, sisClass: OneRosterClass, course: Course, tally: ExportTally): Promise<void> {
  const classroomStudents = new Map<string, string>();
  for await (const student of deps.classroom.students(course.id)) {
    const email = student.profile?.emailAddress;
    if (email) classroomStudents.set(student.userId, email.toLowerCase());
    else tally.unmapped({ reason: 'student-without-email', classId: sisClass.sourcedId, item: student.userId, detail: 'no email address visible (classroom.profile.emails scope)' });
  }
  const context = await classContext(deps, settings, sisClass, course, classroomStudents);
  const work: CourseWork[] = await collect(deps.classroom.courseWork(course.id));
  const submissions: StudentSubmission[] = await collect(deps.classroom.studentSubmissions(course.id, { courseWorkId: '-' }));
  tally.read(work.length, submissions.length);

  const lineItems = new Map<string, Desired<LineItemInput>>();
  const lineItemOfWork = new Map<string, string>();
  for (const entry of work) {
    const mapped = mapCourseWork(context, entry);
    if (!mapped.ok) {
      tally.unmapped(mapped.unmapped);
      continue;
    }
    lineItems.set(mapped.id, { id: mapped.id, body: mapped.body, hash: digest(mapped.body), parentId: sisClass.sourcedId });
    lineItemOfWork.set(entry.id, mapped.id);
  }
  const results = new Map<string, Desired<ResultInput>>();
  for (const submission of submissions) {
    const lineItem = lineItemOfWork.get(submission.courseWorkId);
    if (lineItem === undefined) continue;
    const mapped = mapSubmission(context, lineItem, submission);
    if (mapped.ok === 'ungraded') continue;
    if (mapped.ok === false) {
      tally.unmapped(mapped.unmapped as Unmapped);
      continue;
    }
    results.set(mapped.id, { id: mapped.id, body: mapped.body, hash: digest(mapped.body), parentId: lineItem });
  }

  const storedLineItems = await deps.store.listExportItemsByParent(settings.district, settings.job, [sisClass.sourcedId]);
  const parents = [...new Set([...storedLineItems.map((item) => item.itemId), ...lineItems.keys()])];
  const storedResults = await deps.store.listExportItemsByParent(settings.district, settings.job, parents);
  const known = new Map([...storedLineItems, ...storedResults].map((item) => [item.itemId, item.contentHash]));
  const changed = <T>(item: Desired<T>) => settings.full || known.get(item.id) !== item.hash;

  const lineItemPuts = [...lineItems.values()].filter(changed);
  const resultPuts = [...results.values()].filter(changed);
  const resultDeletes = storedResults.filter((item) => !results.has(item.itemId));
  const lineItemDeletes = storedLineItems.filter((item) => !lineItems.has(item.itemId));
  tally.unchanged(lineItems.size - lineItemPuts.length + results.size - resultPuts.length);
  tally.planned(sisClass.sourcedId, {
    lineItems: lineItemPuts.map((item) => ({ id: item.id, isNew: !known.has(item.id), title: item.body.title })),
    results: resultPuts.map((item) => ({ id: item.id, isNew: !known.has(item.id) })),
    deletes: resultDeletes.length + lineItemDeletes.length,
  });
  if (settings.dryRun) return;

  const done: ExportItem[] = [];
  const failedLineItems = new Set<string>();
  const attempt = async (kind: 'lineItem' | 'result', id: string, write: () => Promise<unknown>): Promise<boolean> => {
    try {
      await deps.limiter.run(write);
      return true;
    } catch (error) {
      if (isFatal(error)) throw error;
      tally.failed({ kind, id, classId: sisClass.sourcedId, error: failureText(error) });
      return false;
    }
  };
  await Promise.all(lineItemPuts.map(async (item) => {
    const ok = await attempt('lineItem', item.id, async () => tally.wrote('lineItem', await deps.oneRoster.putLineItem(item.id, item.body)));
    if (ok) done.push(checkpoint(settings, 'lineItem', item, deps.now()));
    else failedLineItems.add(item.id);
  }));
  await Promise.all(resultPuts.map(async (item) => {
    if (failedLineItems.has(item.parentId)) {
      tally.failed({ kind: 'result', id: item.id, classId: sisClass.sourcedId, error: `its lineItem ${item.parentId} failed` });
      return;
    }
    const ok = await attempt('result', item.id, async () => tally.wrote('result', await deps.oneRoster.putResult(item.id, item.body)));
    if (ok) done.push(checkpoint(settings, 'result', item, deps.now()));
  }));
  const deleted: string[] = [];
  await Promise.all(resultDeletes.map(async (item) => {
    if (await attempt('result', item.itemId, () => deps.oneRoster.deleteResult(item.itemId, { missingOk: true }))) deleted.push(item.itemId);
  }));
  await Promise.all(lineItemDeletes.map(async (item) => {
    if (await attempt('lineItem', item.itemId, () => deps.oneRoster.deleteLineItem(item.itemId, { missingOk: true }))) deleted.push(item.itemId);
  }));
  tally.deleted(deleted.length);
  if (done.length > 0) await deps.store.putExportItems(done);
  if (deleted.length > 0) await deps.store.deleteExportItems(settings.district, settings.job, deleted);
}

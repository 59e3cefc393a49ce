/**
 * Pure mapping from Classroom courseWork and submissions to OneRoster lineItems and results.
 * Everything that cannot be mapped comes back as an `Unmapped` entry with the reason: nothing is
 * skipped silently.
 */
import type { CourseWork, GoogleDate, SubmissionGrade } from '../../classroom/types.js';
import type { AcademicSession, Category, LineItemInput, ResultInput } from '../../oneroster/types.js';
import { lineItemId, resultId } from './ids.js';

export type UnmappedReason =
  | 'no-course'
  | 'course-by-fallback'
  | 'ungraded-coursework'
  | 'no-category'
  | 'no-grading-period'
  | 'student-not-in-sis'
  | 'student-without-email';

export interface Unmapped {
  reason: UnmappedReason;
  classId: string;
  /** courseWork id, submission id or course id, whatever the finding is about. */
  item: string;
  detail: string;
}

/** What one SIS class offers the mapping. */
export interface ClassContext {
  namespace: string;
  version: '1.1' | '1.2';
  classId: string;
  schoolId: string;
  courseId: string;
  /** SIS categories of the class by lower-cased title. */
  categories: Map<string, Category>;
  /** Classroom grade category id -> name. */
  classroomCategories: Map<string, string>;
  defaultCategory: string;
  gradingPeriods: AcademicSession[];
  /** Classroom userId -> SIS student sourcedId. */
  students: Map<string, string>;
  includeDraftGrades: boolean;
}

export function googleDate(date: GoogleDate | undefined): string | undefined {
  if (date === undefined) return undefined;
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function categoryFor(context: ClassContext, work: CourseWork): Category | undefined {
  const name = work.gradeCategory?.name ?? (work.gradeCategory ? context.classroomCategories.get(work.gradeCategory.id) : undefined);
  const byName = name === undefined ? undefined : context.categories.get(name.toLowerCase());
  return byName ?? context.categories.get(context.defaultCategory.toLowerCase());
}

function gradingPeriodFor(context: ClassContext, date: string): AcademicSession | undefined {
  return context.gradingPeriods.find((period) => period.startDate <= date && date <= period.endDate);
}

export type LineItemMapping = { ok: true; id: string; body: LineItemInput } | { ok: false; unmapped: Unmapped };

export function mapCourseWork(context: ClassContext, work: CourseWork): LineItemMapping {
  const fail = (reason: UnmappedReason, detail: string): LineItemMapping => ({ ok: false, unmapped: { reason, classId: context.classId, item: work.id, detail } });
  if (work.maxPoints === undefined || work.maxPoints <= 0) return fail('ungraded-coursework', `"${work.title}" has no point value`);
  const category = categoryFor(context, work);
  if (category === undefined) {
    return fail('no-category', `"${work.title}": no SIS category named "${work.gradeCategory?.name ?? ''}" nor the default "${context.defaultCategory}"`);
  }
  const assignDate = (work.creationTime ?? '').slice(0, 10) || googleDate(work.dueDate) || '1970-01-01';
  const dueDate = googleDate(work.dueDate) ?? assignDate;
  const period = gradingPeriodFor(context, dueDate);
  if (period === undefined && context.version === '1.1') {
    return fail('no-grading-period', `"${work.title}": due ${dueDate} falls in no grading period of the class's terms`);
  }
  // Keys in sorted order: contentHash() hashes the body as serialised (see hash.ts).
  const body: LineItemInput = {
    assignDate,
    category: { sourcedId: category.sourcedId, type: 'category' },
    class: { sourcedId: context.classId, type: 'class' },
    ...(work.description ? { description: work.description } : {}),
    dueDate,
    ...(period ? { gradingPeriod: { sourcedId: period.sourcedId, type: 'academicSession' } } : {}),
    resultValueMax: work.maxPoints,
    resultValueMin: 0,
    school: { sourcedId: context.schoolId, type: 'org' },
    status: 'active',
    title: work.title,
  };
  return { ok: true, id: lineItemId(context.namespace, context.courseId, work.id), body };
}

export type ResultMapping = { ok: true; id: string; body: ResultInput } | { ok: false; unmapped: Unmapped } | { ok: 'ungraded' };

/** The grade to export: the returned (assigned) grade, or the draft when the job asks for it. */
export function gradeOf(submission: SubmissionGrade, includeDraftGrades: boolean): number | undefined {
  if (submission.assignedGrade !== undefined) return submission.assignedGrade;
  return includeDraftGrades ? submission.draftGrade : undefined;
}

export function mapSubmission(context: ClassContext, lineItem: string, submission: SubmissionGrade): ResultMapping {
  const score = gradeOf(submission, context.includeDraftGrades);
  // Ungraded submissions are the bulk of a course: no id is derived for them.
  if (score === undefined) return { ok: 'ungraded' };
  const student = context.students.get(submission.userId);
  if (student === undefined) {
    return { ok: false, unmapped: { reason: 'student-not-in-sis', classId: context.classId, item: submission.id, detail: `Classroom user ${submission.userId} is not a student of the SIS class` } };
  }
  const lineItemRef = { sourcedId: lineItem, type: 'lineItem' as const };
  const studentRef = { sourcedId: student, type: 'student' as const };
  const scoreDate = (submission.updateTime ?? submission.creationTime ?? '1970-01-01').slice(0, 10);
  // Keys in sorted order: contentHash() hashes the body as serialised (see hash.ts). Two literals
  // rather than a spread keep this allocation cheap; it runs once per graded submission.
  // Extra credit is kept: a score above resultValueMax is sent as is.
  const body: ResultInput = submission.late
    ? { comment: 'late', lineItem: lineItemRef, score, scoreDate, scoreStatus: 'fully graded', status: 'active', student: studentRef }
    : { lineItem: lineItemRef, score, scoreDate, scoreStatus: 'fully graded', status: 'active', student: studentRef };
  return { ok: true, id: resultId(context.namespace, context.courseId, submission.courseWorkId, submission.userId), body };
}

/**
 * Pure mapping from Classroom courseWork and submissions to OneRoster lineItems and results.
 * Everything that cannot be mapped comes back as an `Unmapped` entry with the reason: nothing is
 * skipped silently.
 */
import type { CourseWork, GoogleDate, StudentSubmission } from '../../classroom/types.js';
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
  const body: LineItemInput = {
    status: 'active',
    title: work.title,
    ...(work.description ? { description: work.description } : {}),
    assignDate,
    dueDate,
    class: { sourcedId: context.classId, type: 'class' },
    school: { sourcedId: context.schoolId, type: 'org' },
    category: { sourcedId: category.sourcedId, type: 'category' },
    ...(period ? { gradingPeriod: { sourcedId: period.sourcedId, type: 'academicSession' } } : {}),
    resultValueMin: 0,
    resultValueMax: work.maxPoints,
  };
  return { ok: true, id: lineItemId(context.namespace, context.courseId, work.id), body };
}

export type ResultMapping = { ok: true; id: string; body: ResultInput } | { ok: false; unmapped: Unmapped } | { ok: 'ungraded'; id: string };

/** The grade to export: the returned (assigned) grade, or the draft when the job asks for it. */
export function gradeOf(submission: StudentSubmission, includeDraftGrades: boolean): number | undefined {
  if (submission.assignedGrade !== undefined) return submission.assignedGrade;
  return includeDraftGrades ? submission.draftGrade : undefined;
}

export function mapSubmission(context: ClassContext, lineItem: string, submission: StudentSubmission): ResultMapping {
  const id = resultId(context.namespace, context.courseId, submission.courseWorkId, submission.userId);
  const score = gradeOf(submission, context.includeDraftGrades);
  if (score === undefined) return { ok: 'ungraded', id };
  const student = context.students.get(submission.userId);
  if (student === undefined) {
    return { ok: false, unmapped: { reason: 'student-not-in-sis', classId: context.classId, item: submission.id, detail: `Classroom user ${submission.userId} is not a student of the SIS class` } };
  }
  const body: ResultInput = {
    status: 'active',
    lineItem: { sourcedId: lineItem, type: 'lineItem' },
    student: { sourcedId: student, type: 'student' },
    // Extra credit is kept: a score above resultValueMax is sent as is.
    score,
    scoreStatus: 'fully graded',
    scoreDate: (submission.updateTime ?? submission.creationTime ?? '1970-01-01').slice(0, 10),
    ...(submission.late ? { comment: 'late' } : {}),
  };
  return { ok: true, id, body };
}

/**
 * Seeded courseWork and submissions. Items rotate through the course's grading periods and
 * categories, due on evenly spaced days inside their period. Each student's submission draws its
 * state from a fixed mix: returned with an assigned grade (some above maxPoints: extra credit),
 * draft grade only, turned in ungraded, created, new, reclaimed; some are late.
 */
import type { Random } from '../prng.js';
import type { SubmissionState } from '../../classroom/types.js';
import { addDays, daysBetween, fromGoogleDate } from './dates.js';
import type { IdSource } from './ids.js';
import type { ClassroomSeedOptions } from './roster-input.js';
import type { ClassroomSeedData, EmCourse, EmCourseWork, EmSubmission } from './types.js';

const MAX_POINTS = [10, 20, 25, 50, 100] as const;
const KINDS = ['Worksheet', 'Quiz', 'Lab', 'Essay', 'Project', 'Problem Set', 'Reading Response', 'Unit Test'] as const;

type SubmissionBase = Pick<EmSubmission, 'id' | 'courseId' | 'courseWorkId' | 'userId' | 'creationTime' | 'updateTime'>;

export interface CourseWorkSeedContext {
  data: ClassroomSeedData;
  ids: IdSource;
  random: Random;
  course: EmCourse;
  studentIds: string[];
  stamp: string;
  options: ClassroomSeedOptions;
  courseIndex: number;
}

function grade(random: Random, maxPoints: number): number {
  return Math.round((0.5 + 0.5 * random()) * maxPoints * 2) / 2;
}

/** One seeded submission: state, grades and lateness from the fixed mix. */
function seededSubmission(random: Random, base: SubmissionBase, maxPoints: number): EmSubmission {
  const u = random();
  const lateDraw = random() < 0.1;
  let state: SubmissionState = 'CREATED';
  let late = false;
  let draftGrade: number | undefined;
  let assignedGrade: number | undefined;
  if (u < 0.55) {
    const extra = random() < 0.05;
    assignedGrade = extra ? maxPoints + 1 + Math.floor(random() * 5) : grade(random, maxPoints);
    draftGrade = assignedGrade;
    state = 'RETURNED';
    late = lateDraw;
  } else if (u < 0.65) {
    state = 'TURNED_IN';
    draftGrade = grade(random, maxPoints);
    late = lateDraw;
  } else if (u < 0.8) {
    state = 'TURNED_IN';
    late = lateDraw;
  } else if (u >= 0.96) {
    state = 'RECLAIMED_BY_STUDENT';
    late = lateDraw;
  } else if (u >= 0.92) {
    state = 'NEW';
  }
  // One object shape for every submission keeps a million of them compact.
  return {
    id: base.id, courseId: base.courseId, courseWorkId: base.courseWorkId, userId: base.userId, state, late, draftGrade, assignedGrade,
    creationTime: base.creationTime, updateTime: base.updateTime,
  };
}

/** Fresh submissions for new courseWork: every student's in state CREATED, ungraded. */
export function blankSubmissions(ids: IdSource, work: EmCourseWork, studentIds: Iterable<string>, time: string): EmSubmission[] {
  const out: EmSubmission[] = [];
  for (const userId of studentIds) {
    const state: SubmissionState = 'CREATED';
    out.push({
      id: ids.next('submission'), courseId: work.courseId, courseWorkId: work.id, userId, state, late: false, draftGrade: undefined,
      assignedGrade: undefined, creationTime: time, updateTime: time,
    });
  }
  return out;
}

function dueDateIn(ctx: CourseWorkSeedContext, i: number): Pick<EmCourseWork, 'dueDate' | 'dueTime' | 'gradingPeriodId'> {
  const periods = ctx.course.gradingPeriods;
  if (periods.length === 0) return {};
  const period = periods[i % periods.length]!;
  const perPeriod = Math.ceil(ctx.options.courseWorkPerCourse / periods.length);
  const k = Math.floor(i / periods.length);
  const start = fromGoogleDate(period.startDate);
  const length = Math.max(0, daysBetween(start, fromGoogleDate(period.endDate)));
  const due = addDays(start, Math.floor(((k + 1) * length) / (perPeriod + 1)));
  const [year, month, day] = due.split('-').map(Number) as [number, number, number];
  return { dueDate: { year, month, day }, dueTime: { hours: 23, minutes: 59 }, gradingPeriodId: period.id };
}

export function addCourseWork(ctx: CourseWorkSeedContext): void {
  const { course, ids, random, data, options } = ctx;
  const categories = course.gradeCategories;
  for (let i = 0; i < options.courseWorkPerCourse; i++) {
    const maxPoints = MAX_POINTS[Math.floor(random() * MAX_POINTS.length)]!;
    const uncategorized = (options.uncategorizedEvery ?? 0) > 0 && (i + 1) % options.uncategorizedEvery! === 0;
    const work: EmCourseWork = {
      id: ids.next('courseWork'), courseId: course.id, title: `${KINDS[i % KINDS.length]} ${i + 1}`, state: 'PUBLISHED', maxPoints,
      creationTime: ctx.stamp, updateTime: ctx.stamp, ...dueDateIn(ctx, i),
    };
    const category = uncategorized || categories.length === 0 ? undefined : categories[i % categories.length];
    if (category !== undefined) work.gradeCategory = category;
    data.courseWork.push(work);
    for (const userId of ctx.studentIds) {
      const base = { id: ids.next('submission'), courseId: course.id, courseWorkId: work.id, userId, creationTime: ctx.stamp, updateTime: ctx.stamp };
      data.submissions.push(seededSubmission(random, base, maxPoints));
    }
  }
  const draftEvery = options.draftEvery ?? 0;
  if (draftEvery > 0 && ctx.courseIndex % draftEvery === draftEvery - 1) {
    data.courseWork.push({
      id: ids.next('courseWork'), courseId: course.id, title: 'Draft: upcoming assignment', state: 'DRAFT', maxPoints: 100,
      creationTime: ctx.stamp, updateTime: ctx.stamp,
    });
  }
}

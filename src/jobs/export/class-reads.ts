/**
 * Everything one class export reads, from both sides at once (the reads do not depend on each
 * other once the course is known), and the mapping context built from it.
 */
import type { ClassroomClient } from '../../classroom/index.js';
import type { Course, CourseWork, SubmissionGrade } from '../../classroom/types.js';
import { isHttpError } from '../../http/index.js';
import type { OneRosterClient } from '../../oneroster/index.js';
import type { AcademicSession, Category, OneRosterClass, User } from '../../oneroster/types.js';
import type { ClassContext } from './mapping.js';
import type { ExportTally } from './tally.js';

export interface ReadDeps {
  oneRoster: OneRosterClient;
  classroom: ClassroomClient;
  /** Grading periods per term, shared by the classes of one run. */
  termPeriods: Map<string, Promise<AcademicSession[]>>;
  /** Set once the SIS refused a `fields=` selection: the run then reads whole records. */
  sisFields: { refused: boolean };
}

/** The user fields the mapping reads from the SIS (a OneRoster `fields=` selection). */
export const SIS_STUDENT_FIELDS: readonly string[] = ['sourcedId', 'email'];

export interface ClassReads {
  /** Classroom userId -> lower-cased email. */
  classroomStudents: Map<string, string>;
  work: CourseWork[];
  submissions: SubmissionGrade[];
  categories: Category[];
  sisStudents: User[];
  gradingPeriods: AcademicSession[];
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function periodsFor(deps: ReadDeps, termIds: string[]): Promise<AcademicSession[]> {
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

async function classroomStudentsOf(deps: ReadDeps, sisClass: OneRosterClass, course: Course, tally: ExportTally): Promise<Map<string, string>> {
  const students = new Map<string, string>();
  for (const student of await deps.classroom.studentEmails(course.id).all()) {
    const email = student.profile?.emailAddress;
    if (email) students.set(student.userId, email.toLowerCase());
    else tally.unmapped({ reason: 'student-without-email', classId: sisClass.sourcedId, item: student.userId, detail: 'no email address visible (classroom.profile.emails scope)' });
  }
  return students;
}

/** Students of the SIS class, only the fields the mapping needs when the SIS supports `fields=`. */
export async function readSisStudents(deps: Pick<ReadDeps, 'oneRoster' | 'sisFields'>, classId: string): Promise<User[]> {
  if (!deps.sisFields.refused) {
    try {
      return await collect(deps.oneRoster.studentsForClass(classId, { fields: SIS_STUDENT_FIELDS }));
    } catch (error) {
      if (!isHttpError(error) || error.status !== 400) throw error;
      deps.sisFields.refused = true;
    }
  }
  return collect(deps.oneRoster.studentsForClass(classId));
}

export async function readClass(deps: ReadDeps, sisClass: OneRosterClass, course: Course, tally: ExportTally): Promise<ClassReads> {
  const [classroomStudents, work, submissions, categories, sisStudents, gradingPeriods] = await Promise.all([
    classroomStudentsOf(deps, sisClass, course, tally),
    deps.classroom.courseWork(course.id).all(),
    deps.classroom.submissionGrades(course.id, { courseWorkId: '-' }).all(),
    collect(deps.oneRoster.categoriesForClass(sisClass.sourcedId)),
    readSisStudents(deps, sisClass.sourcedId),
    periodsFor(deps, (sisClass.terms ?? []).map((term) => term.sourcedId)),
  ]);
  return { classroomStudents, work, submissions, categories, sisStudents, gradingPeriods };
}

export interface ContextSettings {
  namespace: string;
  version: '1.1' | '1.2';
  defaultCategory: string;
  includeDraftGrades: boolean;
}

export function classContext(settings: ContextSettings, sisClass: OneRosterClass, course: Course, reads: ClassReads): ClassContext {
  const byEmail = new Map(reads.sisStudents.filter((user) => user.email).map((user) => [String(user.email).toLowerCase(), user.sourcedId]));
  const students = new Map<string, string>();
  for (const [userId, email] of reads.classroomStudents) {
    const sourcedId = byEmail.get(email);
    if (sourcedId !== undefined) students.set(userId, sourcedId);
  }
  return {
    namespace: settings.namespace,
    version: settings.version,
    classId: sisClass.sourcedId,
    schoolId: sisClass.school.sourcedId,
    courseId: course.id,
    categories: new Map(reads.categories.map((category) => [category.title.toLowerCase(), category])),
    classroomCategories: new Map((course.gradebookSettings?.gradeCategories ?? []).map((category) => [category.id, category.name])),
    defaultCategory: settings.defaultCategory,
    gradingPeriods: reads.gradingPeriods,
    students,
    includeDraftGrades: settings.includeDraftGrades,
  };
}

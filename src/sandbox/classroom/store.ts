/**
 * The emulator's in-memory store: Maps keyed by id plus the indexes the endpoints need (alias ->
 * course, course -> members, user -> courses, course -> courseWork, courseWork -> submissions), so
 * no request scans a whole collection.
 */
import { createIdSource, type IdKind, type IdSource } from './ids.js';
import type { ClassroomSeedData, EmCourse, EmCourseWork, EmSubmission, EmUser } from './types.js';

export type Role = 'teacher' | 'student';
type Index = Map<string, Set<string>>;

function addTo(index: Index, key: string, id: string): void {
  let set = index.get(key);
  if (set === undefined) index.set(key, (set = new Set()));
  set.add(id);
}

function removeFrom(index: Index, key: string, id: string): void {
  index.get(key)?.delete(id);
}

export class ClassroomStore {
  readonly users = new Map<string, EmUser>();
  readonly usersByEmail = new Map<string, string>();
  readonly courses = new Map<string, EmCourse>();
  readonly aliases = new Map<string, string>();
  readonly aliasesByCourse: Index = new Map();
  readonly members: Record<Role, Index> = { teacher: new Map(), student: new Map() };
  readonly coursesByMember: Record<Role, Index> = { teacher: new Map(), student: new Map() };
  readonly courseWork = new Map<string, EmCourseWork>();
  readonly courseWorkByCourse = new Map<string, Map<string, EmCourseWork>>();
  readonly submissions = new Map<string, EmSubmission>();
  readonly submissionsByCourseWork = new Map<string, Map<string, EmSubmission>>();
  private readonly ids: IdSource;

  constructor(data: ClassroomSeedData) {
    let highest = 0;
    for (const user of data.users) this.putUser(user);
    for (const course of data.courses) this.putCourse(course);
    for (const { alias, courseId } of data.aliases) this.putAlias(alias, courseId);
    for (const m of data.teachers) this.addMember('teacher', m.courseId, m.userId);
    for (const m of data.students) this.addMember('student', m.courseId, m.userId);
    for (const work of data.courseWork) this.putCourseWork(work);
    for (const submission of data.submissions) this.putSubmission(submission);
    highest = data.users.length + data.courses.length + data.courseWork.length + data.submissions.length;
    for (const course of data.courses) highest += course.gradeCategories.length + course.gradingPeriods.length;
    this.ids = createIdSource(highest);
  }

  nextId(kind: IdKind): string {
    return this.ids.next(kind);
  }

  putUser(user: EmUser): void {
    this.users.set(user.id, user);
    this.usersByEmail.set(user.email.toLowerCase(), user.id);
  }

  /** By id, email (case-insensitive) or `me` (the caller). */
  resolveUser(ref: string, caller: string | undefined): EmUser | undefined {
    const key = ref === 'me' ? caller : ref;
    if (key === undefined) return undefined;
    const byId = this.users.get(key);
    if (byId !== undefined) return byId;
    const id = this.usersByEmail.get(key.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  putCourse(course: EmCourse): void {
    this.courses.set(course.id, course);
  }

  /** By Classroom id or alias. */
  resolveCourse(ref: string): EmCourse | undefined {
    const id = this.aliases.get(ref) ?? ref;
    return this.courses.get(id);
  }

  putAlias(alias: string, courseId: string): void {
    this.aliases.set(alias, courseId);
    addTo(this.aliasesByCourse, courseId, alias);
  }

  deleteAlias(alias: string): void {
    const courseId = this.aliases.get(alias);
    if (courseId === undefined) return;
    this.aliases.delete(alias);
    removeFrom(this.aliasesByCourse, courseId, alias);
  }

  isMember(role: Role, courseId: string, userId: string): boolean {
    return this.members[role].get(courseId)?.has(userId) === true;
  }

  addMember(role: Role, courseId: string, userId: string): void {
    addTo(this.members[role], courseId, userId);
    addTo(this.coursesByMember[role], userId, courseId);
  }

  removeMember(role: Role, courseId: string, userId: string): void {
    removeFrom(this.members[role], courseId, userId);
    removeFrom(this.coursesByMember[role], userId, courseId);
  }

  putCourseWork(work: EmCourseWork): void {
    this.courseWork.set(work.id, work);
    let byCourse = this.courseWorkByCourse.get(work.courseId);
    if (byCourse === undefined) this.courseWorkByCourse.set(work.courseId, (byCourse = new Map()));
    byCourse.set(work.id, work);
  }

  deleteCourseWork(id: string): boolean {
    const work = this.courseWork.get(id);
    if (work === undefined) return false;
    this.courseWork.delete(id);
    this.courseWorkByCourse.get(work.courseId)?.delete(id);
    for (const submissionId of this.submissionsByCourseWork.get(id)?.keys() ?? []) this.submissions.delete(submissionId);
    this.submissionsByCourseWork.delete(id);
    return true;
  }

  putSubmission(submission: EmSubmission): void {
    this.submissions.set(submission.id, submission);
    let byWork = this.submissionsByCourseWork.get(submission.courseWorkId);
    if (byWork === undefined) this.submissionsByCourseWork.set(submission.courseWorkId, (byWork = new Map()));
    byWork.set(submission.id, submission);
  }

  deleteCourse(id: string): boolean {
    const course = this.courses.get(id);
    if (course === undefined) return false;
    for (const workId of [...(this.courseWorkByCourse.get(id)?.keys() ?? [])]) this.deleteCourseWork(workId);
    this.courseWorkByCourse.delete(id);
    for (const alias of [...(this.aliasesByCourse.get(id) ?? [])]) this.deleteAlias(alias);
    this.aliasesByCourse.delete(id);
    for (const role of ['teacher', 'student'] as const) {
      for (const userId of [...(this.members[role].get(id) ?? [])]) this.removeMember(role, id, userId);
      this.members[role].delete(id);
    }
    this.courses.delete(id);
    return true;
  }

  counts(): Record<string, number> {
    let teachers = 0;
    let students = 0;
    for (const set of this.members.teacher.values()) teachers += set.size;
    for (const set of this.members.student.values()) students += set.size;
    return {
      users: this.users.size, courses: this.courses.size, aliases: this.aliases.size, teachers, students,
      courseWork: this.courseWork.size, submissions: this.submissions.size,
    };
  }
}

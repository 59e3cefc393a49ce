/**
 * The desired state from the SIS: active classes of the current term in the selector's scope,
 * each with its teachers (primary first) and students by email. `buildDesired` is pure; the
 * reader feeds it with bulk listings (one paged read of enrollments and one of users instead of
 * two calls per class).
 */
import type { AcademicSession, Enrollment, OneRosterClass, User } from '../../oneroster/types.js';
import type { RosterSelector } from '../../config/types.js';
import { classTermStatus, sessionStatus } from './terms.js';
import type { CourseFields, DesiredCourse, RosterDesired, RosterIssue } from './types.js';

export interface DesiredInput {
  sessions: readonly AcademicSession[];
  classes: readonly OneRosterClass[];
  enrollments: readonly Enrollment[];
  /** SIS users by sourcedId (only those the enrollments name are needed). */
  users: ReadonlyMap<string, Pick<User, 'sourcedId' | 'email' | 'status'>>;
}

export interface DesiredOptions {
  aliasPrefix: string;
  selector?: RosterSelector;
  /** `YYYY-MM-DD` in the district's time zone. */
  today: string;
}

function isActive(record: { status?: string }): boolean {
  return record.status !== 'tobedeleted' && record.status !== 'inactive';
}

export function inSelector(sisClass: OneRosterClass, selector: RosterSelector | undefined): boolean {
  if (selector === undefined) return true;
  if (selector.schools !== undefined && !selector.schools.includes(sisClass.school?.sourcedId)) return false;
  if (selector.terms !== undefined && !sisClass.terms.some((term) => selector.terms?.includes(term.sourcedId))) return false;
  if (selector.classCodes !== undefined && !selector.classCodes.includes(sisClass.classCode ?? '')) return false;
  return true;
}

function enrollmentCurrent(enrollment: Enrollment, today: string): boolean {
  if (!isActive(enrollment)) return false;
  if (enrollment.beginDate !== undefined && enrollment.beginDate.slice(0, 10) > today) return false;
  return enrollment.endDate === undefined || enrollment.endDate.slice(0, 10) >= today;
}

function isPrimary(enrollment: Enrollment): boolean {
  return enrollment.primary === true || enrollment.primary === 'true';
}

function fieldsOf(sisClass: OneRosterClass, termTitles: string[]): CourseFields {
  const parts = [...termTitles];
  if (sisClass.periods !== undefined && sisClass.periods.length > 0) parts.push(`Period ${sisClass.periods.join(', ')}`);
  parts.push(`SIS class ${sisClass.classCode ?? sisClass.sourcedId}`);
  return {
    name: sisClass.title,
    section: sisClass.classCode || undefined,
    room: sisClass.location || undefined,
    descriptionHeading: sisClass.title,
    description: parts.join(' · '),
  };
}

interface Members {
  teachers: { email: string; primary: boolean }[];
  students: string[];
}

export function buildDesired(input: DesiredInput, options: DesiredOptions): RosterDesired {
  const sessions = new Map(input.sessions.map((session) => [session.sourcedId, session]));
  const issues: RosterIssue[] = [];
  const current = new Map<string, OneRosterClass>();
  const ended: RosterDesired['ended'] = [];
  const termIds = new Set<string>();
  for (const sisClass of input.classes) {
    if (!isActive(sisClass) || !inSelector(sisClass, options.selector)) continue;
    const status = classTermStatus(sisClass.terms ?? [], sessions, options.today);
    const alias = `${options.aliasPrefix}${sisClass.sourcedId}`;
    if (status === 'current') {
      current.set(sisClass.sourcedId, sisClass);
      for (const term of sisClass.terms) if (sessionStatus(sessions.get(term.sourcedId), options.today) === 'current') termIds.add(term.sourcedId);
    } else if (status === 'ended') {
      ended.push({ classId: sisClass.sourcedId, alias });
    } else if (status === 'unknown') {
      issues.push({ kind: 'unknown-term', classId: sisClass.sourcedId, detail: `none of its terms (${sisClass.terms.map((t) => t.sourcedId).join(', ')}) is listed by the SIS` });
    }
  }

  const members = new Map<string, Members>();
  for (const enrollment of input.enrollments) {
    const classId = enrollment.class.sourcedId;
    if (!current.has(classId) || !enrollmentCurrent(enrollment, options.today)) continue;
    if (enrollment.role !== 'teacher' && enrollment.role !== 'student') continue;
    const user = input.users.get(enrollment.user.sourcedId);
    if (user === undefined || !isActive(user)) {
      if (user === undefined) issues.push({ kind: 'unknown-user', classId, detail: `enrollment ${enrollment.sourcedId} names user ${enrollment.user.sourcedId}, unknown to the SIS` });
      continue;
    }
    if (!user.email) {
      issues.push({ kind: 'user-without-email', classId, detail: `${enrollment.role} ${user.sourcedId} has no email in the SIS` });
      continue;
    }
    let entry = members.get(classId);
    if (entry === undefined) members.set(classId, (entry = { teachers: [], students: [] }));
    const email = user.email.toLowerCase();
    if (enrollment.role === 'teacher') entry.teachers.push({ email, primary: isPrimary(enrollment) });
    else entry.students.push(email);
  }

  const courses: DesiredCourse[] = [];
  for (const sisClass of current.values()) {
    const entry = members.get(sisClass.sourcedId) ?? { teachers: [], students: [] };
    // Stable sort: primary teachers first, SIS order otherwise.
    const teachers = unique([...entry.teachers].sort((a, b) => Number(b.primary) - Number(a.primary)).map((t) => t.email));
    const termTitles = sisClass.terms.map((t) => sessions.get(t.sourcedId)?.title).filter((t): t is string => t !== undefined);
    courses.push({
      classId: sisClass.sourcedId,
      alias: `${options.aliasPrefix}${sisClass.sourcedId}`,
      fields: fieldsOf(sisClass, termTitles),
      teachers,
      students: unique(entry.students).filter((email) => !teachers.includes(email)),
    });
  }
  const terms = [...termIds].map((id) => ({ sourcedId: id, title: sessions.get(id)?.title ?? id }));
  return { courses, ended, terms, issues };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * The pure roster planner: (desired, observed, options) -> RosterPlan. No I/O, synchronous.
 * Creates carry the alias so a repeated create answers ALREADY_EXISTS; removals are planned only
 * when the job asks for them, and never for a course's owner. Course fields are updated only on
 * courses found by alias: a course matched by the teacher email + title fallback is the
 * teacher's own, so only its members follow the SIS (until the job adopts it: it then gets the
 * alias, and from the next run on it is a course found by alias).
 */
import { diffCourseFields } from './fields.js';
import {
  ACTION_KINDS, type CourseRemovals, type DesiredCourse, type ObservedCourse, type ObservedMember, type RosterAction,
  type RosterActionKind, type RosterDesired, type RosterIssue, type RosterObserved, type RosterPlan, type RosterPlanOptions,
} from './types.js';

function emailsOf(members: readonly ObservedMember[]): Set<string> {
  const set = new Set<string>();
  for (const member of members) if (member.email !== undefined) set.add(member.email);
  return set;
}

function planCreate(course: DesiredCourse, actions: RosterAction[], issues: RosterIssue[]): void {
  const [owner, ...others] = course.teachers;
  if (owner === undefined) {
    issues.push({ kind: 'no-teacher', classId: course.classId, detail: `no teacher with an email: Classroom needs an owner, so ${course.alias} is not created` });
    return;
  }
  actions.push({ kind: 'create-course', classId: course.classId, alias: course.alias, fields: course.fields, owner, ownerCandidates: course.teachers });
  for (const email of others) actions.push({ kind: 'add-teacher', classId: course.classId, alias: course.alias, email });
  for (const email of course.students) actions.push({ kind: 'add-student', classId: course.classId, alias: course.alias, email });
}

interface CourseDiff {
  actions: RosterAction[];
  removals: number;
}

function planMembers(course: DesiredCourse, observed: ObservedCourse, options: RosterPlanOptions, issues: RosterIssue[]): CourseDiff {
  const actions: RosterAction[] = [];
  const base = { classId: course.classId, alias: course.alias };
  const changes = observed.matchedBy === 'alias' ? diffCourseFields(course.fields, observed.fields) : [];
  if (changes.length > 0) actions.push({ ...base, kind: 'update-course', courseId: observed.courseId, changes });
  const teachers = emailsOf(observed.teachers);
  const students = emailsOf(observed.students);
  const add = { ...base, courseId: observed.courseId };
  for (const email of course.teachers) if (!teachers.has(email)) actions.push({ ...add, kind: 'add-teacher', email });
  for (const email of course.students) if (!students.has(email) && !teachers.has(email)) actions.push({ ...add, kind: 'add-student', email });
  const unknown = [...observed.teachers, ...observed.students].filter((member) => member.email === undefined).length;
  if (unknown > 0) issues.push({ kind: 'member-without-email', classId: course.classId, detail: `${unknown} member(s) of ${course.alias} show no email; they are left as they are` });
  if (!options.removeUnenrolled) return { actions, removals: 0 };

  let removals = 0;
  const wantedTeachers = new Set(course.teachers);
  const wantedStudents = new Set(course.students);
  for (const member of observed.teachers) {
    if (member.email === undefined || wantedTeachers.has(member.email)) continue;
    if (member.userId === observed.ownerId) {
      issues.push({ kind: 'owner-not-enrolled', classId: course.classId, detail: `the owner of ${course.alias} (${member.email}) no longer teaches the class in the SIS; Classroom cannot remove an owner` });
      continue;
    }
    actions.push({ ...base, kind: 'remove-teacher', courseId: observed.courseId, userId: member.userId, email: member.email });
    removals += 1;
  }
  for (const member of observed.students) {
    if (member.email === undefined || wantedStudents.has(member.email)) continue;
    actions.push({ ...base, kind: 'remove-student', courseId: observed.courseId, userId: member.userId, email: member.email });
    removals += 1;
  }
  return { actions, removals };
}

function emptyCounts(): Record<RosterActionKind, number> {
  return Object.fromEntries(ACTION_KINDS.map((kind) => [kind, 0])) as Record<RosterActionKind, number>;
}

export function planRosterActions(desired: RosterDesired, observed: RosterObserved, options: RosterPlanOptions): RosterPlan {
  const actions: RosterAction[] = [];
  const issues: RosterIssue[] = [...desired.issues];
  const removals: CourseRemovals[] = [];
  let unchanged = 0;
  let byFallback = 0;
  let observedMembers = 0;
  let desiredMembers = 0;
  for (const course of desired.courses) {
    desiredMembers += course.teachers.length + course.students.length;
    const ambiguous = observed.ambiguous?.get(course.classId);
    if (ambiguous !== undefined) {
      issues.push({ kind: 'fallback-ambiguous', classId: course.classId, detail: `${ambiguous}; ${course.alias} is neither created nor changed` });
      continue;
    }
    const found = observed.courses.get(course.classId);
    if (found === undefined) {
      planCreate(course, actions, issues);
      continue;
    }
    const adopt = found.matchedBy === 'teacher-email-title' && options.adoptFallbackMatches === true && found.state !== 'ARCHIVED';
    if (found.matchedBy === 'teacher-email-title') {
      byFallback += 1;
      const alias = adopt ? `; this run adds alias ${course.alias}` : `; it has no alias ${course.alias}`;
      issues.push({ kind: 'course-by-fallback', classId: course.classId, detail: `matched "${found.fields.name}" (course ${found.courseId}) by teacher email and title${alias}` });
    }
    if (found.state === 'ARCHIVED') {
      issues.push({ kind: 'course-archived', classId: course.classId, detail: `${course.alias} is archived in Classroom while the class is current in the SIS; left as it is` });
      continue;
    }
    if (adopt) actions.push({ kind: 'add-alias', classId: course.classId, alias: course.alias, courseId: found.courseId, courseName: found.fields.name });
    const members = found.teachers.length + found.students.length;
    observedMembers += members;
    const diff = planMembers(course, found, options, issues);
    if (diff.actions.length === 0 && !adopt) unchanged += 1;
    if (diff.removals > 0) removals.push({ classId: course.classId, alias: course.alias, courseId: found.courseId, removals: diff.removals, members });
    actions.push(...diff.actions);
  }
  if (options.archiveEndedTerms) {
    for (const entry of desired.ended) {
      const found = observed.courses.get(entry.classId);
      if (found === undefined || found.state === 'ARCHIVED') continue;
      actions.push({ kind: 'archive-course', classId: entry.classId, alias: entry.alias, courseId: found.courseId });
    }
  }
  const counts = emptyCounts();
  for (const action of actions) counts[action.kind] += 1;
  return { actions, counts, unchanged, byFallback, observedMembers, desiredMembers, removals, issues };
}

export function rosterPlanHasChanges(plan: RosterPlan): boolean {
  return plan.actions.length > 0;
}

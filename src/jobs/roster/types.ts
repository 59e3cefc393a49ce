/**
 * The roster import as data: the SIS roster (desired), the Classroom courses found by alias
 * (observed), and the plan of actions between them. Members are compared by lower-cased email.
 */
import type { CourseState } from '../../classroom/types.js';

export interface CourseFields {
  name: string;
  section?: string;
  room?: string;
  descriptionHeading?: string;
  description?: string;
}

export type CourseField = keyof CourseFields;

/** The course fields the import maps from the SIS, and so the only ones it compares and patches. */
export const OWNED_FIELDS: readonly CourseField[] = ['name', 'section', 'room', 'descriptionHeading', 'description'];

export interface FieldChange {
  field: CourseField;
  /** What Classroom holds now (absent when the field is empty). */
  before?: string;
  after: string;
}

/** How the course of a class was found: its alias, or the job's teacher email + title fallback. */
export type CourseMatchRule = 'alias' | 'teacher-email-title';

/** One SIS class of the current term, as it should look in Classroom. */
export interface DesiredCourse {
  classId: string;
  /** Alias prefix + class sourcedId, e.g. `d:3f2a...`. */
  alias: string;
  fields: CourseFields;
  /** Teacher emails, primary teachers first: the first is the intended owner. */
  teachers: string[];
  students: string[];
}

export type RosterIssueKind =
  | 'no-teacher' | 'user-without-email' | 'unknown-user' | 'unknown-term' | 'course-archived'
  | 'member-without-email' | 'owner-not-enrolled' | 'user-not-found' | 'owner-not-found'
  | 'course-by-fallback' | 'fallback-ambiguous';

export interface RosterIssue {
  kind: RosterIssueKind;
  classId: string;
  detail: string;
}

export interface RosterDesired {
  /** Classes of the current term in the selector's scope. */
  courses: DesiredCourse[];
  /** In-scope classes whose every term has ended (archive candidates). */
  ended: { classId: string; alias: string }[];
  /** The current terms' sourcedIds and titles (for the report). */
  terms: { sourcedId: string; title: string }[];
  issues: RosterIssue[];
}

export interface ObservedMember {
  userId: string;
  /** Lower-cased; absent when the token cannot see emails. */
  email?: string;
}

export interface ObservedCourse {
  classId: string;
  alias: string;
  courseId: string;
  state: CourseState | undefined;
  ownerId: string | undefined;
  /** The course's fields as Classroom holds them (only those the import maps). */
  fields: CourseFields;
  matchedBy: CourseMatchRule;
  teachers: ObservedMember[];
  students: ObservedMember[];
}

/** Courses found by alias (or by the fallback), keyed by SIS class sourcedId; a class absent here has no course. */
export interface RosterObserved {
  courses: Map<string, ObservedCourse>;
  /**
   * Classes the fallback could not match to exactly one course (several same-titled courses, or a
   * course claimed by several classes), with the reason: they are neither created nor changed.
   */
  ambiguous?: Map<string, string>;
  /** Course and alias listings the fallback made (one call each at the least). */
  fallbackLookups?: number;
}

export type RosterAction =
  | { kind: 'create-course'; classId: string; alias: string; fields: CourseFields; owner: string; ownerCandidates: string[] }
  | { kind: 'update-course'; classId: string; alias: string; courseId: string; changes: FieldChange[] }
  /** courseId is set when the course exists already (it may have no alias: a fallback match). */
  | { kind: 'add-teacher' | 'add-student'; classId: string; alias: string; email: string; courseId?: string }
  | { kind: 'remove-teacher' | 'remove-student'; classId: string; alias: string; courseId: string; userId: string; email: string }
  | { kind: 'archive-course'; classId: string; alias: string; courseId: string }
  /** Adopts a course the fallback matched: it gets the class's alias (courseName as Classroom shows it). */
  | { kind: 'add-alias'; classId: string; alias: string; courseId: string; courseName: string };

export type RosterActionKind = RosterAction['kind'];

export const ACTION_KINDS: readonly RosterActionKind[] = [
  'create-course', 'update-course', 'add-alias', 'add-teacher', 'add-student', 'remove-teacher', 'remove-student', 'archive-course',
];

export interface RosterPlanOptions {
  removeUnenrolled: boolean;
  archiveEndedTerms: boolean;
  adoptFallbackMatches?: boolean;
}

/** Members a removal would take out of a course, against what the course has now. */
export interface CourseRemovals {
  classId: string;
  alias: string;
  courseId: string;
  removals: number;
  members: number;
}

export interface RosterPlan {
  /** Grouped by course, creates and updates before member changes; archives last. */
  actions: RosterAction[];
  counts: Record<RosterActionKind, number>;
  /** Courses found and left as they are. */
  unchanged: number;
  /** Courses found by the teacher email + title fallback (no alias). */
  byFallback: number;
  /** Members of the observed courses (the base the removal shares are measured against). */
  observedMembers: number;
  desiredMembers: number;
  removals: CourseRemovals[];
  issues: RosterIssue[];
}

/** Classroom OAuth scopes and the sets sislink's jobs request through domain-wide delegation. */
const PREFIX = 'https://www.googleapis.com/auth/';

export const SCOPES = {
  courses: `${PREFIX}classroom.courses`,
  coursesReadonly: `${PREFIX}classroom.courses.readonly`,
  rosters: `${PREFIX}classroom.rosters`,
  rostersReadonly: `${PREFIX}classroom.rosters.readonly`,
  courseworkStudents: `${PREFIX}classroom.coursework.students`,
  courseworkStudentsReadonly: `${PREFIX}classroom.coursework.students.readonly`,
  profileEmails: `${PREFIX}classroom.profile.emails`,
} as const;

/** Grade export: read courses, rosters, coursework and submissions, and users' emails. */
export const EXPORT_SCOPES: readonly string[] = [
  SCOPES.coursesReadonly, SCOPES.rostersReadonly, SCOPES.courseworkStudentsReadonly, SCOPES.profileEmails,
];

/** Roster import: create and archive courses, add and remove members, read emails. */
export const ROSTER_IMPORT_SCOPES: readonly string[] = [SCOPES.courses, SCOPES.rosters, SCOPES.profileEmails];

/** Every scope either job needs (the default, so one client serves both). */
export const ALL_SCOPES: readonly string[] = [
  SCOPES.courses, SCOPES.rosters, SCOPES.courseworkStudentsReadonly, SCOPES.profileEmails,
];

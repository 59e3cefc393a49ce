/**
 * OneRoster 1.1 / 1.2 objects as sislink reads and writes them. Fields the spec marks optional,
 * or that only one version has, are optional. Vendor extensions belong in `metadata`; records are
 * passed through as the server sent them, so these types describe rather than guarantee.
 */
export type RecordStatus = 'active' | 'tobedeleted' | 'inactive';

export type ScoreStatus = 'exempt' | 'fully graded' | 'not submitted' | 'partially graded' | 'submitted';

export type GuidRefType =
  | 'academicSession' | 'category' | 'class' | 'course' | 'demographics' | 'enrollment' | 'gradingPeriod'
  | 'lineItem' | 'org' | 'resource' | 'result' | 'student' | 'teacher' | 'term' | 'user' | 'scoreScale';

export interface GuidRef {
  sourcedId: string;
  type?: GuidRefType | string;
  href?: string;
}

export interface BaseRecord {
  sourcedId: string;
  status?: RecordStatus;
  dateLastModified?: string;
  metadata?: Record<string, unknown>;
}

export type OrgType = 'department' | 'school' | 'district' | 'local' | 'state' | 'national';

export interface Org extends BaseRecord {
  name: string;
  type: OrgType | string;
  identifier?: string;
  parent?: GuidRef;
  children?: GuidRef[];
}

export type SessionType = 'gradingPeriod' | 'semester' | 'schoolYear' | 'term';

export interface AcademicSession extends BaseRecord {
  title: string;
  startDate: string;
  endDate: string;
  type: SessionType | string;
  /** 1.1: a year string such as "2025"; 1.2 servers send the same. */
  schoolYear: string;
  parent?: GuidRef;
  children?: GuidRef[];
  org?: GuidRef;
}

export interface OneRosterClass extends BaseRecord {
  title: string;
  classCode?: string;
  classType?: 'homeroom' | 'scheduled' | string;
  location?: string;
  grades?: string[];
  subjects?: string[];
  course: GuidRef;
  school: GuidRef;
  terms: GuidRef[];
  periods?: string[];
}

export type RoleType = 'administrator' | 'aide' | 'guardian' | 'parent' | 'proctor' | 'relative' | 'student' | 'teacher'
  | 'districtAdministrator' | 'siteAdministrator' | 'systemAdministrator' | 'principal' | 'counselor';

export interface UserRole {
  roleType: 'primary' | 'secondary';
  role: RoleType | string;
  org: GuidRef;
  beginDate?: string;
  endDate?: string;
}

export interface User extends BaseRecord {
  username?: string;
  enabledUser?: boolean | string;
  givenName: string;
  familyName: string;
  middleName?: string;
  email?: string;
  identifier?: string;
  /** 1.1 single role; 1.2 uses `roles`. */
  role?: RoleType | string;
  roles?: UserRole[];
  orgs?: GuidRef[];
  grades?: string[];
  userIds?: Array<{ type: string; identifier: string }>;
}

export interface Enrollment extends BaseRecord {
  user: GuidRef;
  class: GuidRef;
  school: GuidRef;
  role: 'administrator' | 'proctor' | 'student' | 'teacher' | string;
  primary?: boolean | string;
  beginDate?: string;
  endDate?: string;
}

export interface Category extends BaseRecord {
  title: string;
  weight?: number;
  /** 1.2 only. */
  class?: GuidRef;
}

export interface LineItem extends BaseRecord {
  title: string;
  description?: string;
  assignDate: string;
  dueDate: string;
  class: GuidRef;
  /** Required in 1.2. */
  school?: GuidRef;
  category: GuidRef;
  /** Required in 1.1. */
  gradingPeriod?: GuidRef;
  academicSession?: GuidRef;
  resultValueMin?: number;
  resultValueMax?: number;
}

export interface Result extends BaseRecord {
  lineItem: GuidRef;
  student: GuidRef;
  /** Required in 1.1; may exceed the line item's resultValueMax (extra credit). */
  score?: number;
  scoreStatus: ScoreStatus;
  /** A date (1.2) or a date-time (commonly sent); both accepted. */
  scoreDate: string;
  comment?: string;
  class?: GuidRef;
}

/** Body to PUT: the record without server-managed fields; the sourcedId is taken from the path. */
export type LineItemInput = Omit<LineItem, 'sourcedId' | 'dateLastModified'> & { sourcedId?: string };
export type ResultInput = Omit<Result, 'sourcedId' | 'dateLastModified'> & { sourcedId?: string };

/** Outcome of a client-keyed upsert: 201 → created, 200/204 → updated. */
export type PutOutcome = 'created' | 'updated';

/** Outcome of a delete: `gone` only when the caller asked for idempotent deletes and got 404. */
export type DeleteOutcome = 'deleted' | 'gone';

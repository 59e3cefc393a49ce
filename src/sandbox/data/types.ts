/**
 * The sandbox's internal records. References are plain sourcedIds here; the OneRoster 1.1 and 1.2
 * shapes (GUIDRefs, role vs roles, string vs boolean flags) are produced when serialising.
 */
export type RecordStatus = 'active' | 'tobedeleted';

export interface BaseRecord {
  sourcedId: string;
  status: RecordStatus;
  dateLastModified: string;
  metadata?: Record<string, unknown>;
}

export interface OrgRecord extends BaseRecord {
  name: string;
  type: 'district' | 'school';
  identifier: string;
  parentId?: string;
  childIds: string[];
}

export type SessionType = 'schoolYear' | 'term' | 'gradingPeriod';

export interface SessionRecord extends BaseRecord {
  title: string;
  type: SessionType;
  startDate: string;
  endDate: string;
  parentId?: string;
  childIds: string[];
  /** Ending year of the school year, e.g. "2026". */
  schoolYear: string;
}

export interface CourseRecord extends BaseRecord {
  title: string;
  courseCode: string;
  grades: string[];
  subjects: string[];
  orgId: string;
  schoolYearId: string;
}

export interface ClassRecord extends BaseRecord {
  title: string;
  classCode: string;
  classType: 'scheduled' | 'homeroom';
  location: string;
  grades: string[];
  subjects: string[];
  courseId: string;
  schoolId: string;
  termIds: string[];
  periods: string[];
}

export type UserRole = 'teacher' | 'student' | 'administrator';

export interface UserRecord extends BaseRecord {
  username: string;
  givenName: string;
  familyName: string;
  email: string;
  role: UserRole;
  orgIds: string[];
  identifier: string;
  grades: string[];
  enabledUser: boolean;
}

export interface EnrollmentRecord extends BaseRecord {
  userId: string;
  classId: string;
  schoolId: string;
  role: 'teacher' | 'student';
  primary: boolean;
  beginDate: string;
  endDate: string;
}

export interface CategoryRecord extends BaseRecord {
  title: string;
  weight?: number;
  classId: string;
}

export interface LineItemRecord extends BaseRecord {
  title: string;
  description?: string;
  assignDate: string;
  dueDate: string;
  classId: string;
  schoolId: string;
  categoryId: string;
  gradingPeriodId?: string;
  academicSessionId?: string;
  resultValueMin?: number;
  resultValueMax?: number;
  scoreScaleId?: string;
}

export type ScoreStatus = 'exempt' | 'fully graded' | 'not submitted' | 'partially graded' | 'submitted';
export const SCORE_STATUSES: readonly ScoreStatus[] = ['exempt', 'fully graded', 'not submitted', 'partially graded', 'submitted'];

export interface ResultRecord extends BaseRecord {
  lineItemId: string;
  studentId: string;
  classId: string;
  scoreStatus: ScoreStatus;
  score?: number;
  textScore?: string;
  scoreDate: string;
  comment?: string;
  inProgress?: string | boolean;
  incomplete?: string | boolean;
  late?: string | boolean;
  missing?: string | boolean;
}

export interface ResourceRecord extends BaseRecord {
  title: string;
  vendorResourceId: string;
  courseId: string;
  roles: string[];
  importance: 'primary' | 'secondary';
}

/** Everything the sandbox serves, as plain data (what --data persists). */
export interface SandboxDataset {
  orgs: OrgRecord[];
  sessions: SessionRecord[];
  courses: CourseRecord[];
  classes: ClassRecord[];
  users: UserRecord[];
  enrollments: EnrollmentRecord[];
  categories: CategoryRecord[];
  lineItems: LineItemRecord[];
  results: ResultRecord[];
  resources: ResourceRecord[];
}

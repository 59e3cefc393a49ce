/**
 * Classroom API v1 resources as the client reads and writes them (the fields sislink uses; the API
 * sends more). Dates are Google `Date` objects, times are RFC 3339 strings.
 */
export type CourseState = 'COURSE_STATE_UNSPECIFIED' | 'ACTIVE' | 'ARCHIVED' | 'PROVISIONED' | 'DECLINED' | 'SUSPENDED';
export type CourseWorkState = 'COURSE_WORK_STATE_UNSPECIFIED' | 'PUBLISHED' | 'DRAFT' | 'DELETED';
export type SubmissionState =
  | 'SUBMISSION_STATE_UNSPECIFIED' | 'NEW' | 'CREATED' | 'TURNED_IN' | 'RETURNED' | 'RECLAIMED_BY_STUDENT';

export interface GoogleDate {
  year: number;
  month: number;
  day: number;
}

export interface GoogleTimeOfDay {
  hours?: number;
  minutes?: number;
  seconds?: number;
  nanos?: number;
}

export interface GradeCategory {
  id: string;
  name: string;
  /** Share of the overall grade in millionths (400000 = 40%). */
  weight?: number;
  defaultGradeDenominator?: number;
}

export interface GradebookSettings {
  calculationType?: 'CALCULATION_TYPE_UNSPECIFIED' | 'TOTAL_POINTS' | 'WEIGHTED_CATEGORIES';
  displaySetting?: string;
  gradeCategories?: GradeCategory[];
}

export interface Course {
  id: string;
  name: string;
  section?: string;
  descriptionHeading?: string;
  description?: string;
  room?: string;
  ownerId?: string;
  creationTime?: string;
  updateTime?: string;
  enrollmentCode?: string;
  courseState?: CourseState;
  alternateLink?: string;
  gradebookSettings?: GradebookSettings;
}

export interface CourseAlias {
  /** `d:...` (domain) or `p:...` (project) scoped. */
  alias: string;
}

export interface GradingPeriod {
  id: string;
  title: string;
  startDate: GoogleDate;
  endDate: GoogleDate;
}

export interface GradingPeriodSettings {
  gradingPeriods?: GradingPeriod[];
  applyToExistingCoursework?: boolean;
}

export interface CourseWork {
  courseId: string;
  id: string;
  title: string;
  description?: string;
  state?: CourseWorkState;
  workType?: string;
  maxPoints?: number;
  dueDate?: GoogleDate;
  dueTime?: GoogleTimeOfDay;
  creationTime?: string;
  updateTime?: string;
  gradeCategory?: GradeCategory;
  gradingPeriodId?: string;
  alternateLink?: string;
}

export interface StudentSubmission {
  courseId: string;
  courseWorkId: string;
  id: string;
  userId: string;
  state?: SubmissionState;
  late?: boolean;
  draftGrade?: number;
  assignedGrade?: number;
  creationTime?: string;
  updateTime?: string;
  courseWorkType?: string;
  alternateLink?: string;
}

/** The submission fields a grade export reads, asked for as a partial response (`fields=`). */
export const SUBMISSION_GRADE_FIELDS = ['id', 'courseWorkId', 'userId', 'late', 'draftGrade', 'assignedGrade', 'creationTime', 'updateTime'] as const;
export type SubmissionGrade = Pick<StudentSubmission, (typeof SUBMISSION_GRADE_FIELDS)[number]>;

/** The member fields that tie a Classroom user to a SIS user, asked for as a partial response. */
export const MEMBER_EMAIL_FIELDS = ['userId', 'profile/emailAddress'] as const;
export interface MemberEmail {
  userId: string;
  profile?: { emailAddress?: string };
}

export interface UserProfile {
  id: string;
  name?: { givenName?: string; familyName?: string; fullName?: string };
  /** Present only when the token carries the classroom.profile.emails scope. */
  emailAddress?: string;
}

export interface Student {
  courseId: string;
  userId: string;
  profile?: UserProfile;
}

export interface Teacher {
  courseId: string;
  userId: string;
  profile?: UserProfile;
}

/** The parsed JSON key file of a Google service account (only the fields the JWT flow needs). */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

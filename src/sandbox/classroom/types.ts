/**
 * The Classroom emulator's records. Plain data (what seeding produces and reset rebuilds); the
 * API's JSON shapes are produced when serialising.
 */
import type {
  CourseState, CourseWorkState, GoogleDate, GoogleTimeOfDay, GradeCategory, GradingPeriod, SubmissionState,
} from '../../classroom/types.js';

export interface EmUser {
  id: string;
  email: string;
  givenName: string;
  familyName: string;
}

export interface EmCourse {
  id: string;
  name: string;
  section?: string;
  descriptionHeading?: string;
  description?: string;
  room?: string;
  ownerId: string;
  courseState: CourseState;
  enrollmentCode: string;
  creationTime: string;
  updateTime: string;
  gradeCategories: GradeCategory[];
  gradingPeriods: GradingPeriod[];
}

export interface EmCourseWork {
  id: string;
  courseId: string;
  title: string;
  description?: string;
  state: CourseWorkState;
  maxPoints?: number;
  dueDate?: GoogleDate;
  dueTime?: GoogleTimeOfDay;
  creationTime: string;
  updateTime: string;
  gradeCategory?: GradeCategory;
  gradingPeriodId?: string;
}

export interface EmSubmission {
  id: string;
  courseId: string;
  courseWorkId: string;
  userId: string;
  state: SubmissionState;
  late: boolean;
  draftGrade?: number;
  assignedGrade?: number;
  creationTime: string;
  updateTime: string;
}

export interface EmMembership {
  courseId: string;
  userId: string;
}

/** Everything the emulator serves, as plain data. */
export interface ClassroomSeedData {
  users: EmUser[];
  courses: EmCourse[];
  aliases: { alias: string; courseId: string }[];
  teachers: EmMembership[];
  students: EmMembership[];
  courseWork: EmCourseWork[];
  submissions: EmSubmission[];
}

export interface RequestLogEntry {
  method: string;
  /** Path as received (prefix included). */
  path: string;
  /** Query string with values of sensitive parameters replaced; '' when none. */
  query: string;
  /** HTTP status sent; 0 when the connection was dropped on purpose. */
  status: number;
  at: string;
}

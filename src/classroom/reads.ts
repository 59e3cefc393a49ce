/** Classroom reads: courses, aliases, grading periods, coursework, submissions, rosters, profiles. */
import { paginate, segment, type Listing, type PageOptions } from './paging.js';
import type { ClassroomCall } from './transport.js';
import type {
  Course, CourseAlias, CourseState, CourseWork, CourseWorkState, GradingPeriodSettings, Student, StudentSubmission,
  MemberEmail, SubmissionGrade, SubmissionState, Teacher, UserProfile,
} from './types.js';
import { MEMBER_EMAIL_FIELDS, SUBMISSION_GRADE_FIELDS } from './types.js';

export interface CourseListOptions extends PageOptions {
  /** User id, email or `me`. */
  teacherId?: string;
  studentId?: string;
  courseStates?: readonly CourseState[];
}

export interface CourseWorkListOptions extends PageOptions {
  /** Default (server side): PUBLISHED only. */
  courseWorkStates?: readonly CourseWorkState[];
}

export interface SubmissionListOptions extends PageOptions {
  /** One courseWork id, or `-` (default) for every courseWork of the course. */
  courseWorkId?: string;
  userId?: string;
  states?: readonly SubmissionState[];
}

export interface ClassroomReads {
  courses(options?: CourseListOptions): Listing<Course>;
  /** By Classroom id or alias (`d:...`); throws ClassroomError NOT_FOUND when missing. */
  getCourse(idOrAlias: string): Promise<Course>;
  /** Like getCourse, but undefined when the course does not exist. */
  findCourse(idOrAlias: string): Promise<Course | undefined>;
  aliases(courseId: string, options?: PageOptions): Listing<CourseAlias>;
  gradingPeriodSettings(courseId: string): Promise<GradingPeriodSettings>;
  courseWork(courseId: string, options?: CourseWorkListOptions): Listing<CourseWork>;
  studentSubmissions(courseId: string, options?: SubmissionListOptions): Listing<StudentSubmission>;
  /** Like studentSubmissions, as a partial response with only the fields a grade needs. */
  submissionGrades(courseId: string, options?: SubmissionListOptions): Listing<SubmissionGrade>;
  students(courseId: string, options?: PageOptions): Listing<Student>;
  teachers(courseId: string, options?: PageOptions): Listing<Teacher>;
  /** Students as a partial response: user id and email only. */
  studentEmails(courseId: string, options?: PageOptions): Listing<MemberEmail>;
  /** Teachers as a partial response: user id and email only. */
  teacherEmails(courseId: string, options?: PageOptions): Listing<MemberEmail>;
  /** By user id, email or `me`; throws NOT_FOUND when missing. */
  userProfile(userId: string): Promise<UserProfile>;
  findUserProfile(userId: string): Promise<UserProfile | undefined>;
}

function withPageSize<T extends PageOptions>(options: T | undefined, pageSize: number): T {
  return { ...(options ?? ({} as T)), pageSize: options?.pageSize ?? pageSize };
}

async function required<T>(value: Promise<T | undefined>): Promise<T> {
  return (await value) as T;
}

export function createClassroomReads(call: ClassroomCall, pageSize: number): ClassroomReads {
  const coursePath = (id: string) => `/v1/courses/${segment(id)}`;
  const submissionsPath = (courseId: string, o: SubmissionListOptions) => `${coursePath(courseId)}/courseWork/${segment(o.courseWorkId ?? '-')}/studentSubmissions`;
  return {
    courses(options) {
      const o = withPageSize(options, pageSize);
      return paginate(call, '/v1/courses', 'courses', { teacherId: o.teacherId, studentId: o.studentId, courseStates: o.courseStates }, o);
    },
    getCourse: (id) => required(call<Course>({ method: 'GET', path: coursePath(id) })),
    findCourse: (id) => call<Course>({ method: 'GET', path: coursePath(id), allow: [404] }),
    aliases: (courseId, options) => paginate(call, `${coursePath(courseId)}/aliases`, 'aliases', {}, withPageSize(options, pageSize)),
    gradingPeriodSettings: async (courseId) =>
      (await call<GradingPeriodSettings>({ method: 'GET', path: `${coursePath(courseId)}/gradingPeriodSettings` })) ?? {},
    courseWork(courseId, options) {
      const o = withPageSize(options, pageSize);
      return paginate(call, `${coursePath(courseId)}/courseWork`, 'courseWork', { courseWorkStates: o.courseWorkStates }, o);
    },
    studentSubmissions(courseId, options) {
      const o = withPageSize(options, pageSize);
      return paginate(call, submissionsPath(courseId, o), 'studentSubmissions', { userId: o.userId, states: o.states }, o);
    },
    submissionGrades(courseId, options) {
      const o = withPageSize(options, pageSize);
      return paginate(call, submissionsPath(courseId, o), 'studentSubmissions', { userId: o.userId, states: o.states }, o, SUBMISSION_GRADE_FIELDS);
    },
    students: (courseId, options) => paginate(call, `${coursePath(courseId)}/students`, 'students', {}, withPageSize(options, pageSize)),
    teachers: (courseId, options) => paginate(call, `${coursePath(courseId)}/teachers`, 'teachers', {}, withPageSize(options, pageSize)),
    studentEmails: (courseId, options) =>
      paginate(call, `${coursePath(courseId)}/students`, 'students', {}, withPageSize(options, pageSize), MEMBER_EMAIL_FIELDS),
    teacherEmails: (courseId, options) =>
      paginate(call, `${coursePath(courseId)}/teachers`, 'teachers', {}, withPageSize(options, pageSize), MEMBER_EMAIL_FIELDS),
    userProfile: (userId) => required(call<UserProfile>({ method: 'GET', path: `/v1/userProfiles/${segment(userId)}` })),
    findUserProfile: (userId) => call<UserProfile>({ method: 'GET', path: `/v1/userProfiles/${segment(userId)}`, allow: [404] }),
  };
}

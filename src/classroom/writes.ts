/**
 * Classroom writes used by the roster import: create a course with its alias, patch or archive
 * it, add and remove students and teachers.
 *
 * A course is created with its alias in the same request (the Course `id` field holds the alias,
 * and Classroom creates both or neither). Repeating the request after a lost answer therefore
 * gives 409 ALREADY_EXISTS instead of a second course: callers treat that as "already done" and
 * look the course up by alias. The same holds for adding a member who is already there.
 */
import { SislinkError } from '../errors.js';
import { queryString, segment } from './paging.js';
import type { ClassroomCall } from './transport.js';
import type { Course, CourseAlias, CourseState, Student, Teacher } from './types.js';

export interface CreateCourseInput {
  /** `d:<SIS class id>`; created atomically with the course. */
  alias?: string;
  name: string;
  section?: string;
  descriptionHeading?: string;
  description?: string;
  room?: string;
  /** User id, email or `me`: becomes the course owner (and a teacher). */
  ownerId: string;
  /** Default here ACTIVE (Classroom's own default is PROVISIONED). */
  courseState?: CourseState;
}

export type CoursePatch = Partial<Pick<Course, 'name' | 'section' | 'descriptionHeading' | 'description' | 'room' | 'ownerId' | 'courseState'>>;

export interface ClassroomWrites {
  createCourse(input: CreateCourseInput): Promise<Course>;
  /** Adds an alias to an existing course; ALREADY_EXISTS when the alias is taken. */
  createAlias(courseId: string, alias: string): Promise<CourseAlias>;
  /** Sends only the given fields, with an updateMask naming them. */
  patchCourse(courseId: string, patch: CoursePatch): Promise<Course>;
  archiveCourse(courseId: string): Promise<Course>;
  /** userId: id, email or `me`. */
  addStudent(courseId: string, userId: string): Promise<Student>;
  removeStudent(courseId: string, userId: string): Promise<void>;
  addTeacher(courseId: string, userId: string): Promise<Teacher>;
  removeTeacher(courseId: string, userId: string): Promise<void>;
}

function checkAlias(alias: string): void {
  if (!/^[dp]:.+/.test(alias)) throw new SislinkError('USAGE', `course alias "${alias}" must start with d: (domain) or p: (project)`);
}

async function required<T>(value: Promise<T | undefined>): Promise<T> {
  return (await value) as T;
}

export function createClassroomWrites(call: ClassroomCall): ClassroomWrites {
  const coursePath = (id: string) => `/v1/courses/${segment(id)}`;
  function patchCourse(courseId: string, patch: CoursePatch): Promise<Course> {
    const fields = Object.keys(patch).filter((key) => patch[key as keyof CoursePatch] !== undefined);
    if (fields.length === 0) throw new SislinkError('USAGE', `patchCourse(${courseId}) needs at least one field`);
    return required(call<Course>({ method: 'PATCH', path: `${coursePath(courseId)}${queryString({ updateMask: fields.join(',') })}`, json: patch, idempotent: true }));
  }
  return {
    createCourse(input) {
      if (input.alias !== undefined) checkAlias(input.alias);
      const { alias, ...rest } = input;
      const body = { ...rest, courseState: input.courseState ?? 'ACTIVE', ...(alias === undefined ? {} : { id: alias }) };
      // Only an aliased create is safe to repeat: its repeat answers ALREADY_EXISTS.
      return required(call<Course>({ method: 'POST', path: '/v1/courses', json: body, idempotent: alias !== undefined }));
    },
    createAlias(courseId, alias) {
      checkAlias(alias);
      return required(call<CourseAlias>({ method: 'POST', path: `${coursePath(courseId)}/aliases`, json: { alias }, idempotent: true }));
    },
    patchCourse,
    archiveCourse: (courseId) => patchCourse(courseId, { courseState: 'ARCHIVED' }),
    addStudent: (courseId, userId) =>
      required(call<Student>({ method: 'POST', path: `${coursePath(courseId)}/students`, json: { userId }, idempotent: true })),
    removeStudent: async (courseId, userId) => {
      await call({ method: 'DELETE', path: `${coursePath(courseId)}/students/${segment(userId)}` });
    },
    addTeacher: (courseId, userId) =>
      required(call<Teacher>({ method: 'POST', path: `${coursePath(courseId)}/teachers`, json: { userId }, idempotent: true })),
    removeTeacher: async (courseId, userId) => {
      await call({ method: 'DELETE', path: `${coursePath(courseId)}/teachers/${segment(userId)}` });
    },
  };
}

/**
 * Course fields the import owns: what Classroom holds for them, and which differ from the SIS.
 * Only these fields are compared, so a teacher's edit of any other field (a banner, the grading
 * settings) is never undone. A field the SIS leaves empty is not compared either: the import does
 * not clear a value it has nothing to replace with.
 */
import type { Course } from '../../classroom/types.js';
import { OWNED_FIELDS, type CourseFields, type FieldChange } from './types.js';

/** The owned fields of a Classroom course; empty strings count as absent. */
export function courseFieldsOf(course: Pick<Course, 'name' | 'section' | 'room' | 'descriptionHeading' | 'description'>): CourseFields {
  const fields: CourseFields = { name: course.name };
  for (const field of OWNED_FIELDS) {
    const value = course[field];
    if (value !== undefined && value !== '') fields[field] = value;
  }
  return fields;
}

export function diffCourseFields(desired: CourseFields, observed: CourseFields): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of OWNED_FIELDS) {
    const after = desired[field];
    if (after === undefined || after === '' || after === observed[field]) continue;
    const before = observed[field];
    changes.push(before === undefined ? { field, after } : { field, before, after });
  }
  return changes;
}

/** The body of a courses.patch: only the changed fields (the writer names them in updateMask). */
export function patchOf(changes: readonly FieldChange[]): Partial<CourseFields> {
  return Object.fromEntries(changes.map((change) => [change.field, change.after]));
}

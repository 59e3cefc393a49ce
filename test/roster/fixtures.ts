/** Small hand-made rosters for the pure planner tests. */
import type { DesiredCourse, ObservedCourse, ObservedMember, RosterDesired, RosterObserved } from '../../src/jobs/roster/index.js';

export function course(classId: string, teachers: string[], students: string[]): DesiredCourse {
  return { classId, alias: `d:${classId}`, fields: { name: `Class ${classId}`, section: `C-${classId}`, room: 'Room 1' }, teachers, students };
}

export function desiredOf(courses: DesiredCourse[], ended: string[] = []): RosterDesired {
  return { courses, ended: ended.map((classId) => ({ classId, alias: `d:${classId}` })), terms: [], issues: [] };
}

const member = (email: string): ObservedMember => ({ userId: `u-${email}`, email });

export function observedCourse(classId: string, teachers: string[], students: string[], state: ObservedCourse['state'] = 'ACTIVE'): ObservedCourse {
  return {
    classId, alias: `d:${classId}`, courseId: `c-${classId}`, state, ownerId: teachers[0] === undefined ? undefined : `u-${teachers[0]}`,
    fields: { ...course(classId, [], []).fields }, matchedBy: 'alias', teachers: teachers.map(member), students: students.map(member),
  };
}

export function observedOf(courses: ObservedCourse[]): RosterObserved {
  return { courses: new Map(courses.map((c) => [c.classId, c])) };
}

export function students(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}@maple.example.edu`);
}

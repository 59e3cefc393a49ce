/**
 * Seeds the emulator from the SIS roster: one ACTIVE course per class with alias `d:<sourcedId>`,
 * the same teachers and students (by email), grade categories, grading periods, courseWork due
 * inside the periods, and a deterministic mix of submissions. Same roster + seed -> same data.
 */
import { mulberry32 } from '../prng.js';
import { createIdSource, type IdSource } from './ids.js';
import {
  DEFAULT_SEED_OPTIONS, type ClassroomRosterInput, type ClassroomSeedOptions, type RosterClassInput,
} from './roster-input.js';
import { addCourseWork } from './seed-work.js';
import type { ClassroomSeedData, EmCourse, EmUser } from './types.js';
import type { GradeCategory, GradingPeriod } from '../../classroom/types.js';
import { toGoogleDate } from './dates.js';

function titleCase(word: string): string {
  return word.length === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1);
}

/** Names from an address such as ava.smith12@...: Ava / Smith. */
function namesFromEmail(email: string): { givenName: string; familyName: string } {
  const local = email.split('@')[0] ?? email;
  const parts = local.replace(/\d+$/, '').split(/[._-]+/).filter(Boolean);
  if (parts.length >= 2) return { givenName: titleCase(parts[0]!), familyName: titleCase(parts.slice(1).join(' ')) };
  return { givenName: titleCase(parts[0] ?? local), familyName: 'User' };
}

function categoriesFor(klass: RosterClassInput, ids: IdSource): GradeCategory[] {
  const list = klass.categories.map((c) => (typeof c === 'string' ? { title: c } : c));
  const even = list.length === 0 ? 0 : Math.floor(1_000_000 / list.length);
  return list.map((c) => ({
    id: ids.next('category'), name: c.title, weight: c.weight === undefined ? even : Math.round(c.weight * 10_000), defaultGradeDenominator: 100,
  }));
}

function periodsFor(klass: RosterClassInput, ids: IdSource): GradingPeriod[] {
  return [...klass.gradingPeriods]
    .sort((a, b) => a.startDate.localeCompare(b.startDate))
    .map((p) => ({ id: ids.next('gradingPeriod'), title: p.title, startDate: toGoogleDate(p.startDate), endDate: toGoogleDate(p.endDate) }));
}

function defaultStamp(roster: ClassroomRosterInput): string {
  const first = roster.classes.flatMap((k) => k.gradingPeriods.map((p) => p.startDate)).sort()[0];
  return `${first ?? '2025-08-15'}T08:00:00.000Z`;
}

export function seedClassroomFromRoster(
  roster: ClassroomRosterInput,
  seed: number,
  options: Partial<ClassroomSeedOptions> = {},
): ClassroomSeedData {
  const opts: ClassroomSeedOptions = { ...DEFAULT_SEED_OPTIONS, ...options };
  const random = mulberry32((seed ^ 0x5c1a55) >>> 0);
  const ids = createIdSource();
  const stamp = opts.stamp ?? defaultStamp(roster);
  const data: ClassroomSeedData = { users: [], courses: [], aliases: [], teachers: [], students: [], courseWork: [], submissions: [] };
  const names = new Map((roster.users ?? []).map((u) => [u.email.toLowerCase(), u]));
  const byEmail = new Map<string, EmUser>();

  function user(email: string): EmUser {
    const key = email.toLowerCase();
    let found = byEmail.get(key);
    if (found !== undefined) return found;
    const named = names.get(key);
    const fallback = namesFromEmail(email);
    found = { id: ids.next('user'), email, givenName: named?.givenName ?? fallback.givenName, familyName: named?.familyName ?? fallback.familyName };
    byEmail.set(key, found);
    data.users.push(found);
    return found;
  }

  for (const klass of roster.classes) {
    for (const email of klass.teacherEmails) user(email);
    for (const email of klass.studentEmails) user(email);
  }
  for (const named of roster.users ?? []) user(named.email);
  if (opts.emptyClassroom === true) return data;

  roster.classes.forEach((klass, index) => {
    const teachers = klass.teacherEmails.map(user);
    const owner = teachers[0];
    if (owner === undefined) return; // Classroom needs an owner; a class without a teacher gets no course.
    const course: EmCourse = {
      id: ids.next('course'), name: klass.title, section: klass.classCode, descriptionHeading: klass.title, room: klass.location,
      ownerId: owner.id, courseState: 'ACTIVE', enrollmentCode: `ec${ids.last().toString(36)}`, creationTime: stamp, updateTime: stamp,
      gradeCategories: categoriesFor(klass, ids), gradingPeriods: periodsFor(klass, ids),
    };
    data.courses.push(course);
    data.aliases.push({ alias: `${opts.aliasPrefix}${klass.sourcedId}`, courseId: course.id });
    for (const t of teachers) data.teachers.push({ courseId: course.id, userId: t.id });
    const students = klass.studentEmails.map(user);
    for (const s of students) data.students.push({ courseId: course.id, userId: s.id });
    addCourseWork({ data, ids, random, course, studentIds: students.map((s) => s.id), stamp, options: opts, courseIndex: index });
  });
  return data;
}

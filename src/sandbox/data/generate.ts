/**
 * Seeded data generation: one district, its schools, a school year with two terms and four grading
 * periods, courses, classes, teachers, students, enrollments and three grading categories per class.
 * Same options -> same dataset, byte for byte.
 */
import { mulberry32, pick, seededUuid, type Random } from '../prng.js';
import type { ResolvedDataOptions } from '../options.js';
import { CATEGORY_TEMPLATES, FAMILY_NAMES, GIVEN_NAMES, SCHOOL_NAMES, SUBJECTS } from './names.js';
import { generateSessions } from './sessions.js';
import type {
  CategoryRecord, ClassRecord, CourseRecord, EnrollmentRecord, OrgRecord, ResourceRecord, SandboxDataset, UserRecord,
} from './types.js';

const STUDENT_CLASS_LOAD = 5;
const CLASSES_PER_TEACHER = 4;

interface Context {
  random: Random;
  options: ResolvedDataOptions;
  stamp: string;
  data: SandboxDataset;
  userCount: number;
}

export function generateDataset(options: ResolvedDataOptions): SandboxDataset {
  const random = mulberry32(options.seed);
  const year = options.schoolYear;
  const data: SandboxDataset = {
    orgs: [], sessions: [], courses: [], classes: [], users: [], enrollments: [], categories: [],
    lineItems: [], results: [], resources: [],
  };
  const ctx: Context = { random, options, stamp: `${year - 1}-08-01T00:00:00.000Z`, data, userCount: 0 };
  const sessions = generateSessions(random, year, ctx.stamp);
  data.sessions.push(...sessions.all);

  const district: OrgRecord = {
    sourcedId: seededUuid(random), status: 'active', dateLastModified: ctx.stamp,
    name: 'Sandbox Unified School District', type: 'district', identifier: 'SUSD', childIds: [],
  };
  data.orgs.push(district);
  const teacherTotal = Math.max(options.schools, Math.ceil(options.classes / CLASSES_PER_TEACHER));
  for (let s = 0; s < options.schools; s++) {
    const school = addSchool(ctx, district, s);
    generateSchool(ctx, school, s, {
      classes: share(options.classes, options.schools, s),
      teachers: share(teacherTotal, options.schools, s),
      students: share(options.students, options.schools, s),
      schoolYearId: sessions.schoolYear.sourcedId,
      fullYear: sessions.terms.map((term) => term.sourcedId),
    });
  }
  return data;
}

/** The s-th of `parts` near-equal shares of `total`. */
function share(total: number, parts: number, s: number): number {
  return Math.floor(total / parts) + (s < total % parts ? 1 : 0);
}

function addSchool(ctx: Context, district: OrgRecord, s: number): OrgRecord {
  const base = SCHOOL_NAMES[s % SCHOOL_NAMES.length] ?? 'School';
  const name = s < SCHOOL_NAMES.length ? base : `${base.replace(/ School$/, '')} ${Math.floor(s / SCHOOL_NAMES.length) + 1} School`;
  const school: OrgRecord = {
    sourcedId: seededUuid(ctx.random), status: 'active', dateLastModified: ctx.stamp,
    name, type: 'school', identifier: `SCH${String(s + 1).padStart(3, '0')}`, parentId: district.sourcedId, childIds: [],
  };
  district.childIds.push(school.sourcedId);
  ctx.data.orgs.push(school);
  return school;
}

interface SchoolPlan {
  classes: number;
  teachers: number;
  students: number;
  schoolYearId: string;
  fullYear: string[];
}

function generateSchool(ctx: Context, school: OrgRecord, s: number, plan: SchoolPlan): void {
  const grades = school.name.includes('Middle') ? ['06', '07', '08'] : ['09', '10', '11', '12'];
  const teachers = Array.from({ length: plan.teachers }, () => addUser(ctx, school, 'teacher', grades));
  const classes = generateClasses(ctx, school, s, plan, grades);
  classes.forEach((klass, j) => {
    const primary = teachers[j % teachers.length];
    if (primary) addEnrollment(ctx, primary, klass, 'teacher', true);
    const co = teachers[(j + 1) % teachers.length];
    if (co && co !== primary && j % 8 === 7) addEnrollment(ctx, co, klass, 'teacher', false);
  });
  // Each student takes half the school's classes, at most five, so no class holds the whole school.
  const load = Math.min(STUDENT_CLASS_LOAD, Math.ceil(classes.length / 2));
  for (let i = 0; i < plan.students; i++) {
    const student = addUser(ctx, school, 'student', [pick(ctx.random, grades)]);
    for (const klass of sample(ctx.random, classes, load)) addEnrollment(ctx, student, klass, 'student', false);
  }
}

function generateClasses(ctx: Context, school: OrgRecord, s: number, plan: SchoolPlan, grades: string[]): ClassRecord[] {
  const courses = new Map<string, CourseRecord>();
  const classes: ClassRecord[] = [];
  for (let j = 0; j < plan.classes; j++) {
    const subject = SUBJECTS[j % SUBJECTS.length] ?? SUBJECTS[0]!;
    let course = courses.get(subject.code);
    if (!course) {
      course = {
        sourcedId: seededUuid(ctx.random), status: 'active', dateLastModified: ctx.stamp, title: subject.title,
        courseCode: `${subject.code}-${school.identifier}`, grades, subjects: [subject.subject], orgId: school.sourcedId,
        schoolYearId: plan.schoolYearId,
      };
      courses.set(subject.code, course);
      ctx.data.courses.push(course);
      ctx.data.resources.push(resourceFor(ctx, course));
    }
    const period = (j % 7) + 1;
    const section = Math.floor(j / SUBJECTS.length) + 1;
    const terms = j % 3 === 2 ? [plan.fullYear[j % 2] ?? plan.fullYear[0]!] : plan.fullYear;
    const klass: ClassRecord = {
      sourcedId: seededUuid(ctx.random), status: 'active', dateLastModified: ctx.stamp,
      title: `${subject.title} - Section ${section} (P${period})`, classCode: `${subject.code}-${s + 1}${String(j + 1).padStart(3, '0')}`,
      classType: 'scheduled', location: `Room ${100 + ((j * 7) % 150)}`, grades, subjects: [subject.subject],
      courseId: course.sourcedId, schoolId: school.sourcedId, termIds: [...terms], periods: [String(period)],
    };
    classes.push(klass);
    ctx.data.classes.push(klass);
    for (const template of CATEGORY_TEMPLATES) ctx.data.categories.push(categoryFor(ctx, klass, template));
  }
  return classes;
}

function categoryFor(ctx: Context, klass: ClassRecord, template: { title: string; weight: number }): CategoryRecord {
  return {
    sourcedId: seededUuid(ctx.random), status: 'active', dateLastModified: ctx.stamp,
    title: template.title, weight: template.weight, classId: klass.sourcedId,
  };
}

function resourceFor(ctx: Context, course: CourseRecord): ResourceRecord {
  return {
    sourcedId: seededUuid(ctx.random), status: 'active', dateLastModified: ctx.stamp,
    title: `${course.title} Digital Textbook`, vendorResourceId: `TXT-${course.courseCode}`, courseId: course.sourcedId,
    roles: ['teacher', 'student'], importance: 'primary',
  };
}

function addUser(ctx: Context, school: OrgRecord, role: 'teacher' | 'student', grades: string[]): UserRecord {
  ctx.userCount += 1;
  const n = ctx.userCount;
  const givenName = pick(ctx.random, GIVEN_NAMES);
  const familyName = pick(ctx.random, FAMILY_NAMES);
  const plain = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');
  const username = role === 'teacher'
    ? `${plain(givenName).charAt(0)}${plain(familyName)}${n}`
    : `${plain(givenName)}.${plain(familyName)}${n}`;
  const user: UserRecord = {
    sourcedId: seededUuid(ctx.random), status: 'active', dateLastModified: ctx.stamp, username, givenName, familyName,
    email: `${username}@${ctx.options.domain}`, role, orgIds: [school.sourcedId],
    identifier: `${role === 'teacher' ? 'T' : 'S'}${String(100000 + n)}`, grades, enabledUser: true,
  };
  ctx.data.users.push(user);
  return user;
}

function addEnrollment(ctx: Context, user: UserRecord, klass: ClassRecord, role: 'teacher' | 'student', primary: boolean): void {
  const year = ctx.options.schoolYear;
  const enrollment: EnrollmentRecord = {
    sourcedId: seededUuid(ctx.random), status: 'active', dateLastModified: ctx.stamp, userId: user.sourcedId,
    classId: klass.sourcedId, schoolId: klass.schoolId, role, primary, beginDate: `${year - 1}-08-15`, endDate: `${year}-06-12`,
  };
  ctx.data.enrollments.push(enrollment);
}

/** k distinct items, chosen with a partial Fisher-Yates shuffle of a copy. */
function sample<T>(random: Random, items: readonly T[], k: number): T[] {
  const copy = items.slice();
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    const swap = copy[i]!;
    copy[i] = copy[j]!;
    copy[j] = swap;
  }
  return copy.slice(0, k);
}

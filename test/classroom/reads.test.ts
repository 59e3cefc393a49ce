import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClassroomError, type StudentSubmission } from '../../src/classroom/index.js';
import { SUBMISSION_GRADE_FIELDS } from '../../src/classroom/types.js';
import { collect, makeRoster, rawGet, rawToken, startEmulator, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startEmulator({ roster: makeRoster(120, 8), seed: 11, seedOptions: { courseWorkPerCourse: 5, draftEvery: 2 } });
});
afterAll(() => h.close());

describe('courses', () => {
  it('pages through every course with pageToken, keeping the other parameters', async () => {
    const client = h.client({ pageSize: 7 });
    h.emulator.admin.clearRequests();
    const courses = await collect(client.courses({ courseStates: ['ACTIVE'] }));
    expect(courses).toHaveLength(120);
    expect(new Set(courses.map((c) => c.id)).size).toBe(120);
    const pages = h.emulator.admin.requests().filter((r) => r.path === '/classroom/v1/courses');
    expect(pages).toHaveLength(Math.ceil(120 / 7));
    expect(pages.every((p) => p.status === 200 && p.query.includes('courseStates=ACTIVE'))).toBe(true);
  });

  it('refuses a page token sent with different parameters', async () => {
    const token = await rawToken(h);
    const first = await rawGet(h, '/v1/courses?pageSize=2&courseStates=ACTIVE', token);
    expect(first.status).toBe(200);
    const next = first.body.nextPageToken as string;
    expect(typeof next).toBe('string');
    const same = await rawGet(h, `/v1/courses?pageSize=2&courseStates=ACTIVE&pageToken=${next}`, token);
    expect(same.status).toBe(200);
    expect(same.body.courses[0].id).not.toBe(first.body.courses[0].id);
    const changed = await rawGet(h, `/v1/courses?pageSize=2&courseStates=ARCHIVED&pageToken=${next}`, token);
    expect(changed.status).toBe(400);
    expect(changed.body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
  });

  it('finds a course by its d: alias and lists its aliases', async () => {
    const client = h.client();
    const course = await client.getCourse('d:class-17');
    expect(course).toMatchObject({ name: 'Biology 17', section: 'BIO-17', room: 'Room 116', courseState: 'ACTIVE' });
    expect(course.id).toMatch(/^\d+$/);
    expect(await collect(client.aliases(course.id))).toEqual([{ alias: 'd:class-17' }]);
    const byId = await client.getCourse(course.id);
    expect(byId.id).toBe(course.id);
    expect(await client.findCourse('d:no-such-class')).toBeUndefined();
    const error = await client.getCourse('d:no-such-class').catch((e: unknown) => e);
    expect(isClassroomError(error, 'NOT_FOUND')).toBe(true);
  });

  it('filters by teacher and student email', async () => {
    const client = h.client();
    const taught = await collect(client.courses({ teacherId: 'teacher5@district.example.edu' }));
    expect(taught.map((c) => c.name)).toEqual(['Biology 5']);
    const co = await collect(client.courses({ teacherId: 'coteacher0@district.example.edu' }));
    expect(co).toHaveLength(40);
    const [student] = await collect(client.students('d:class-3'));
    const attended = await collect(client.courses({ studentId: student!.userId }));
    expect(attended.map((c) => c.name)).toContain('Biology 3');
    const missing = await collect(client.courses({ teacherId: 'nobody@district.example.edu' })).catch((e: unknown) => e);
    expect(isClassroomError(missing, 'NOT_FOUND')).toBe(true);
  });

  it('carries grade categories and grading periods', async () => {
    const client = h.client();
    const course = await client.getCourse('d:class-1');
    const categories = course.gradebookSettings?.gradeCategories ?? [];
    expect(categories.map((c) => c.name)).toEqual(['Assignments', 'Tests', 'Homework']);
    expect(categories[0]).toMatchObject({ weight: 400000, defaultGradeDenominator: 100 });
    const settings = await client.gradingPeriodSettings(course.id);
    expect(settings.gradingPeriods?.map((p) => p.title)).toEqual(['Quarter 1', 'Quarter 2']);
    expect(settings.gradingPeriods?.[0]?.startDate).toEqual({ year: 2025, month: 8, day: 15 });
  });
});

describe('courseWork and submissions', () => {
  it('lists PUBLISHED courseWork by default, due inside its grading period, with a category', async () => {
    const client = h.client();
    const course = await client.getCourse('d:class-2'); // every 2nd course also has a draft
    const published = await collect(client.courseWork(course.id));
    const all = await collect(client.courseWork(course.id, { courseWorkStates: ['PUBLISHED', 'DRAFT'] }));
    expect(published).toHaveLength(5);
    expect(all).toHaveLength(6);
    const periods = new Map(((await client.gradingPeriodSettings(course.id)).gradingPeriods ?? []).map((p) => [p.id, p]));
    const asNumber = (d: { year: number; month: number; day: number }) => d.year * 10000 + d.month * 100 + d.day;
    for (const work of published) {
      const period = periods.get(work.gradingPeriodId!);
      expect(period).toBeDefined();
      expect(asNumber(work.dueDate!)).toBeGreaterThanOrEqual(asNumber(period!.startDate));
      expect(asNumber(work.dueDate!)).toBeLessThanOrEqual(asNumber(period!.endDate));
      expect(['Assignments', 'Tests', 'Homework']).toContain(work.gradeCategory?.name);
      expect(work.maxPoints).toBeGreaterThan(0);
    }
  });

  it('reads every submission of a course through courseWorkId "-"', async () => {
    const client = h.client({ pageSize: 9 });
    const course = await client.getCourse('d:class-4');
    const works = await collect(client.courseWork(course.id));
    const all = await collect(client.studentSubmissions(course.id));
    let sum = 0;
    for (const work of works) sum += (await collect(client.studentSubmissions(course.id, { courseWorkId: work.id }))).length;
    expect(all).toHaveLength(sum);
    expect(all).toHaveLength(5 * 8);
    const returned = await collect(client.studentSubmissions(course.id, { states: ['RETURNED'] }));
    expect(returned.length).toBe(all.filter((s) => s.state === 'RETURNED').length);
    expect(returned.every((s) => typeof s.assignedGrade === 'number')).toBe(true);
  });

  it('reads a listing page by page: the same items, in order, with the same requests', async () => {
    const client = h.client({ pageSize: 9 });
    const course = await client.getCourse('d:class-4');
    h.emulator.admin.clearRequests();
    const items = await collect(client.studentSubmissions(course.id));
    const itemRequests = h.emulator.admin.requests().map((r) => `${r.path}?${r.query}`);
    h.emulator.admin.clearRequests();
    const all = await client.studentSubmissions(course.id).all();
    expect(h.emulator.admin.requests().map((r) => `${r.path}?${r.query}`)).toEqual(itemRequests);
    expect(all).toEqual(items);
    const pages = await collect(client.studentSubmissions(course.id).pages());
    expect(pages.map((page) => page.length)).toEqual([9, 9, 9, 9, 4]);
    expect(pages.flat()).toEqual(items);
    expect(await client.studentSubmissions(course.id, { userId: 'nobody@nowhere.example' }).all().catch((error: unknown) => error)).toSatisfy(isClassroomError);
  });

  it('reads submission grades as a partial response with only the fields a grade needs', async () => {
    const client = h.client({ pageSize: 9 });
    const course = await client.getCourse('d:class-4');
    const full = await collect(client.studentSubmissions(course.id));
    h.emulator.admin.clearRequests();
    const grades = await collect(client.submissionGrades(course.id));
    expect(grades).toHaveLength(full.length);
    const byId = new Map(full.map((s) => [s.id, s]));
    for (const grade of grades) {
      expect(Object.keys(grade).every((key) => (SUBMISSION_GRADE_FIELDS as readonly string[]).includes(key))).toBe(true);
      const whole = byId.get(grade.id)!;
      const expected = Object.fromEntries(SUBMISSION_GRADE_FIELDS.filter((key) => whole[key] !== undefined).map((key) => [key, whole[key]]));
      expect(grade).toEqual(expected);
    }
    const pages = h.emulator.admin.requests().filter((r) => r.path.endsWith('/studentSubmissions'));
    expect(pages).toHaveLength(Math.ceil(full.length / 9));
    expect(pages.every((p) => new URLSearchParams(p.query).get('fields') === `nextPageToken,studentSubmissions(${SUBMISSION_GRADE_FIELDS.join(',')})`)).toBe(true);
  });

  it('reads members as a partial response with only their user id and email', async () => {
    const client = h.client({ pageSize: 3 });
    const course = await client.getCourse('d:class-6');
    for (const [full, partial, path] of [
      [client.students(course.id), client.studentEmails(course.id), 'students'],
      [client.teachers(course.id), client.teacherEmails(course.id), 'teachers'],
    ] as const) {
      const whole = await collect(full);
      h.emulator.admin.clearRequests();
      const members = await collect(partial);
      expect(whole.length).toBeGreaterThan(0);
      expect(members).toEqual(whole.map((member) => ({ userId: member.userId, profile: { emailAddress: member.profile!.emailAddress } })));
      const pages = h.emulator.admin.requests().filter((r) => r.path.endsWith(`/${path}`));
      expect(pages).toHaveLength(Math.ceil(whole.length / 3));
      expect(pages.every((p) => new URLSearchParams(p.query).get('fields') === `nextPageToken,${path}(userId,profile/emailAddress)`)).toBe(true);
    }
  });

  it('answers a partial response with nested and slash-separated selections, and refuses a malformed one', async () => {
    const token = await rawToken(h);
    const course = await h.client().getCourse('d:class-2');
    const students = await rawGet(h, `/v1/courses/${course.id}/students?fields=${encodeURIComponent('students(userId,profile/emailAddress)')}`, token);
    expect(students.status).toBe(200);
    expect(students.body.students.length).toBeGreaterThan(0);
    for (const student of students.body.students) {
      expect(Object.keys(student).sort()).toEqual(['profile', 'userId']);
      expect(Object.keys(student.profile)).toEqual(['emailAddress']);
    }
    const whole = await rawGet(h, `/v1/courses/${course.id}?fields=id,name`, token);
    expect(whole.body).toEqual({ id: course.id, name: course.name });
    for (const bad of ['students(userId', 'students)', 'a,,b', 'na-me']) {
      const refused = await rawGet(h, `/v1/courses/${course.id}/students?fields=${encodeURIComponent(bad)}`, token);
      expect(refused.status, bad).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    }
    const missing = await rawGet(h, '/v1/courses/999999?fields=id', token);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ status: 'NOT_FOUND' });
  });

  it('seeds a mix: returned grades, drafts only, ungraded, extra credit, late', async () => {
    const client = h.client();
    const submissions: StudentSubmission[] = [];
    const maxPoints = new Map<string, number>();
    for (const ref of ['d:class-1', 'd:class-2', 'd:class-3', 'd:class-4', 'd:class-5', 'd:class-6', 'd:class-7', 'd:class-8', 'd:class-9', 'd:class-10']) {
      for (const work of await collect(client.courseWork(ref))) maxPoints.set(work.id, work.maxPoints ?? 0);
      submissions.push(...(await collect(client.studentSubmissions(ref))));
    }
    const states = new Set(submissions.map((s) => s.state));
    expect(states).toEqual(new Set(['NEW', 'CREATED', 'TURNED_IN', 'RETURNED', 'RECLAIMED_BY_STUDENT']));
    expect(submissions.some((s) => s.state === 'TURNED_IN' && s.draftGrade !== undefined && s.assignedGrade === undefined)).toBe(true);
    expect(submissions.some((s) => s.draftGrade === undefined && s.assignedGrade === undefined)).toBe(true);
    expect(submissions.some((s) => s.late === true)).toBe(true);
    expect(submissions.some((s) => (s.assignedGrade ?? 0) > maxPoints.get(s.courseWorkId)!)).toBe(true);
  });

  it('lists teachers (owner first) and students with emails', async () => {
    const client = h.client();
    const teachers = await collect(client.teachers('d:class-6'));
    expect(teachers.map((t) => t.profile?.emailAddress)).toEqual(['teacher6@district.example.edu', 'coteacher2@district.example.edu']);
    const course = await client.getCourse('d:class-6');
    expect(course.ownerId).toBe(teachers[0]!.userId);
    const students = await collect(client.students('d:class-6', { pageSize: 3 }));
    expect(students).toHaveLength(8);
    expect(students.every((s) => s.profile?.emailAddress?.startsWith('student'))).toBe(true);
  });
});

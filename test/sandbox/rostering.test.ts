import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { V11, call, startTiny, token } from './helpers.js';
import { assertValid, validateImsx } from './schemas.js';

describe('sandbox rostering (paging, filters, Google consumption checks)', () => {
  let sandbox: SandboxHandle;
  let bearer: string;
  let rs: string;
  beforeAll(async () => {
    sandbox = await startTiny({ size: 'small' });
    bearer = await token(sandbox);
    rs = sandbox.rostering12Url;
  });
  afterAll(() => sandbox.close());

  const get = (path: string) => call('GET', `${rs}${path}`, { token: bearer });
  const ids = (list: { sourcedId: string }[]) => list.map((item) => item.sourcedId);

  it('pages with limit/offset and sends X-Total-Count and Link headers', async () => {
    const first = await get('/users?limit=50');
    const total = Number(first.headers.get('x-total-count'));
    expect(total).toBe(sandbox.data.users.size);
    expect(first.json.users).toHaveLength(50);
    const next = /<([^>]+)>;\s*rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBeDefined();
    expect(next).toContain('offset=50');
    const second = await call('GET', next!, { token: bearer });
    expect(second.json.users).toHaveLength(50);
    expect(ids(second.json.users)).not.toContain(first.json.users[0].sourcedId);
    const last = await get(`/users?limit=50&offset=${total - 10}`);
    expect(last.json.users).toHaveLength(10);
    expect(last.headers.get('link')).not.toContain('rel="next"');
    const defaults = await get('/users');
    expect(defaults.json.users).toHaveLength(100);
    const big = await get('/users?limit=10000');
    expect(big.json.users).toHaveLength(total);
    expect((await get('/users?limit=0')).status).toBe(400);
  });

  it('finds a teacher by email and lists the teacher\'s active classes', async () => {
    const teacher = [...sandbox.data.users.values()].find((u) => u.role === 'teacher')!;
    const found = await get(`/teachers?filter=${encodeURIComponent(`email='${teacher.email}'`)}`);
    expect(found.status).toBe(200);
    expect(ids(found.json.users)).toEqual([teacher.sourcedId]);
    expect(found.json.users[0].roles[0]).toMatchObject({ roleType: 'primary', role: 'teacher' });
    const classes = await get(`/teachers/${teacher.sourcedId}/classes?filter=${encodeURIComponent("status='active'")}`);
    expect(classes.status).toBe(200);
    expect(classes.json.classes.length).toBeGreaterThan(0);
    for (const klass of classes.json.classes) {
      expect(klass.status).toBe('active');
      expect(klass.school.sourcedId).toBeTruthy();
      expect(klass.terms.length).toBeGreaterThan(0);
      expect(klass).toHaveProperty('classCode');
      expect(klass).toHaveProperty('location');
    }
    const students = await get(`/classes/${classes.json.classes[0].sourcedId}/students`);
    expect(students.json.users.length).toBeGreaterThan(0);
    for (const student of students.json.users) expect(student.roles[0].role).toBe('student');
    expect((await get('/teachers?filter=' + encodeURIComponent("email='nobody@nowhere'"))).json.users).toEqual([]);
  });

  it('lists every term\'s grading periods with the fields Google checks', async () => {
    const terms = await get('/terms');
    expect(terms.json.academicSessions).toHaveLength(2);
    for (const term of terms.json.academicSessions) {
      const periods = await get(`/terms/${term.sourcedId}/gradingPeriods`);
      expect(periods.json.academicSessions.length).toBeGreaterThan(0);
      for (const period of periods.json.academicSessions) {
        expect(period.type).toBe('gradingPeriod');
        for (const field of ['sourcedId', 'title', 'startDate', 'endDate', 'schoolYear']) expect(period[field]).toBeTruthy();
        expect(period.parent.sourcedId).toBe(term.sourcedId);
      }
    }
  });

  it('filters with every operator and one AND / OR', async () => {
    const count = async (filter: string) => Number((await get(`/users?limit=1&filter=${encodeURIComponent(filter)}`)).headers.get('x-total-count'));
    const teachers = sandbox.data.usersByRole.get('teacher')!.size;
    const students = sandbox.data.usersByRole.get('student')!.size;
    expect(await count("role='teacher'")).toBe(0); // 1.2 users have roles, not role
    expect(await count("roles.role='teacher'")).toBe(teachers);
    expect(await count("roles.role!='teacher'")).toBe(students);
    expect(await count("email~'SANDBOX.EXAMPLE.EDU'")).toBe(teachers + students);
    expect(await count("roles.role='teacher' OR roles.role='student'")).toBe(teachers + students);
    expect(await count("roles.role='teacher' AND status='active'")).toBe(teachers);
    const sessions = async (filter: string) => Number((await get(`/academicSessions?filter=${encodeURIComponent(filter)}`)).headers.get('x-total-count'));
    expect(await sessions("startDate>='2026-01-01'")).toBe(3);
    expect(await sessions("startDate>'2026-01-05'")).toBe(1);
    expect(await sessions("endDate<'2025-12-19'")).toBe(1);
    expect(await sessions("endDate<='2025-12-19'")).toBe(3);
  });

  it('answers 400 invalid_filter_field for an unknown field or a malformed filter', async () => {
    const bad = await get(`/users?filter=${encodeURIComponent("shoeSize='9'")}`);
    expect(bad.status).toBe(400);
    assertValid(validateImsx, bad.json);
    expect(bad.json.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('invalid_filter_field');
    expect((await get(`/users?filter=${encodeURIComponent('email=x')}`)).status).toBe(400);
    expect((await get(`/users?filter=${encodeURIComponent("a='1' AND b='2' AND c='3'")}`)).status).toBe(400);
    expect((await get('/users?sort=shoeSize')).json.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('invalid_sort_field');
    expect((await get('/users?fields=shoeSize')).json.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('invalid_selection_field');
  });

  it('sorts, orders and selects fields', async () => {
    const sorted = await get('/users?sort=familyName&orderBy=desc&limit=20&fields=sourcedId,familyName');
    const names = sorted.json.users.map((u: { familyName: string }) => u.familyName);
    expect(names).toEqual([...names].sort().reverse());
    expect(Object.keys(sorted.json.users[0]).sort()).toEqual(['familyName', 'sourcedId']);
  });

  it('serves every list endpoint and 404 unknownobject for a missing record', async () => {
    const klass = [...sandbox.data.classes.values()][0]!;
    const school = klass.schoolId;
    for (const path of ['/orgs', '/schools', '/academicSessions', '/terms', '/gradingPeriods', '/courses', '/classes', '/users', '/teachers', '/students', '/enrollments', `/schools/${school}/classes`, `/classes/${klass.sourcedId}/teachers`]) {
      const reply = await get(path);
      expect(reply.status, path).toBe(200);
      expect(Number(reply.headers.get('x-total-count')), path).toBeGreaterThan(0);
    }
    const missing = await get('/classes/no-such-class');
    expect(missing.status).toBe(404);
    expect(missing.json.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('unknownobject');
    expect((await get('/teachers/no-such-teacher/classes')).status).toBe(404);
  });

  it('serves OneRoster 1.1 shapes from the same store', async () => {
    const v11 = await token(sandbox, [`${V11}roster.readonly`]);
    const user = [...sandbox.data.users.values()][0]!;
    const reply = await call('GET', `${sandbox.oneRoster11Url}/users/${user.sourcedId}`, { token: v11 });
    expect(reply.status).toBe(200);
    expect(reply.json.user.role).toBe(user.role);
    expect(reply.json.user.roles).toBeUndefined();
    expect(reply.json.user.enabledUser).toBe('true');
    expect(reply.json.user.orgs[0].sourcedId).toBe(user.orgIds[0]);
    const enrollment = await call('GET', `${sandbox.oneRoster11Url}/enrollments?limit=1`, { token: v11 });
    expect(typeof enrollment.json.enrollments[0].primary).toBe('string');
  });
});

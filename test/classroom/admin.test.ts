import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClassroomError, type StudentSubmission } from '../../src/classroom/index.js';
import { collect, makeRoster, startEmulator, type Harness } from './helpers.js';

const ADMIN_TOKEN = 'classroom-admin-token';
let h: Harness;
beforeAll(async () => {
  h = await startEmulator({ roster: makeRoster(3, 4), seed: 2, adminToken: ADMIN_TOKEN, seedOptions: { courseWorkPerCourse: 3 } });
});
afterAll(() => h.close());

async function admin(method: string, path: string, body?: unknown, token = ADMIN_TOKEN): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(`${h.apiUrl}/admin${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('admin API over HTTP', () => {
  it('needs the admin token', async () => {
    expect((await admin('GET', '/summary', undefined, 'wrong')).status).toBe(401);
    expect((await admin('GET', '/summary')).body).toMatchObject({ courses: 3, courseWork: 9, submissions: 36 });
  });

  it('changes a grade, which the API then serves', async () => {
    const client = h.client();
    const [first] = await collect(client.studentSubmissions('d:class-1'));
    const changed = await admin('PATCH', `/submissions/${first!.id}`, { assignedGrade: 7.5, state: 'RETURNED' });
    expect(changed.status).toBe(200);
    const again = (await collect(client.studentSubmissions('d:class-1'))).find((s) => s.id === first!.id) as StudentSubmission;
    expect(again).toMatchObject({ assignedGrade: 7.5, state: 'RETURNED' });
    expect(Date.parse(again.updateTime!)).toBeGreaterThanOrEqual(Date.parse(first!.updateTime!));
    await admin('PATCH', `/submissions/${first!.id}`, { assignedGrade: null });
    const cleared = (await collect(client.studentSubmissions('d:class-1'))).find((s) => s.id === first!.id);
    expect(cleared?.assignedGrade).toBeUndefined();
  });

  it('finds a submission by course alias, courseWork and student email', async () => {
    const client = h.client();
    const [work] = await collect(client.courseWork('d:class-2'));
    const [student] = await collect(client.students('d:class-2'));
    const found = await admin('GET', `/courses/d:class-2/courseWork/${work!.id}/submissions/${encodeURIComponent(student!.profile!.emailAddress!)}`);
    expect(found.body).toMatchObject({ courseWorkId: work!.id, userId: student!.userId });
  });

  it('adds and deletes courseWork, removes a course, adds a user', async () => {
    const client = h.client();
    const added = await admin('POST', '/courses/d:class-3/courseWork', { title: 'Pop quiz', maxPoints: 10, dueDate: '2025-09-30', gradeCategory: 'tests' });
    expect(added.body).toMatchObject({ title: 'Pop quiz', gradeCategory: { name: 'Tests' }, dueDate: { year: 2025, month: 9, day: 30 } });
    const subs = await collect(client.studentSubmissions('d:class-3', { courseWorkId: added.body.id }));
    expect(subs).toHaveLength(4);
    expect(subs.every((s) => s.state === 'CREATED' && s.assignedGrade === undefined)).toBe(true);

    expect((await admin('DELETE', `/courses/d:class-3/courseWork/${added.body.id}`)).status).toBe(200);
    expect((await collect(client.courseWork('d:class-3'))).map((w) => w.id)).not.toContain(added.body.id);
    expect((await admin('DELETE', `/courses/d:class-3/courseWork/${added.body.id}`)).status).toBe(404);

    expect((await admin('DELETE', '/courses/d:class-3')).status).toBe(200);
    expect(await client.findCourse('d:class-3')).toBeUndefined();

    await admin('POST', '/users', { email: 'new.teacher@district.example.edu', givenName: 'New', familyName: 'Teacher' });
    expect((await client.userProfile('new.teacher@district.example.edu')).name?.fullName).toBe('New Teacher');
  });

  it('logs requests with method, path and status, and resets to the seed', async () => {
    const client = h.client();
    await client.findCourse('d:missing');
    const log = (await admin('GET', '/requests')).body.requests as { method: string; path: string; status: number }[];
    expect(log.at(-1)).toMatchObject({ method: 'GET', path: '/classroom/v1/courses/d%3Amissing', status: 404 });
    await admin('POST', '/reset');
    expect((await client.getCourse('d:class-3')).name).toBe('Biology 3');
    const error = await client.getCourse('d:missing').catch((e: unknown) => e);
    expect(isClassroomError(error, 'NOT_FOUND')).toBe(true);
  });
});

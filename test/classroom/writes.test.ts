import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClassroomError } from '../../src/classroom/index.js';
import { collect, makeRoster, startEmulator, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startEmulator({ roster: makeRoster(4, 6), seed: 3, seedOptions: { emptyClassroom: true } });
});
afterAll(() => h.close());

describe('an empty Classroom (users only)', () => {
  it('has the roster users but no course', async () => {
    const client = h.client();
    expect(await collect(client.courses())).toEqual([]);
    const profile = await client.userProfile('teacher1@district.example.edu');
    expect(profile.emailAddress).toBe('teacher1@district.example.edu');
    expect(h.emulator.store.counts()).toMatchObject({ courses: 0, users: expect.any(Number) as number });
  });
});

describe('roster writes', () => {
  it('creates a course with its alias; a repeat answers 409 ALREADY_EXISTS and creates nothing', async () => {
    const client = h.client();
    const input = { alias: 'd:class-1', name: 'Biology 1', section: 'BIO-1', room: 'Room 100', ownerId: 'teacher1@district.example.edu' };
    const course = await client.createCourse(input);
    expect(course).toMatchObject({ name: 'Biology 1', courseState: 'ACTIVE' });
    expect((await client.getCourse('d:class-1')).id).toBe(course.id);
    const teachers = await collect(client.teachers(course.id));
    expect(teachers.map((t) => t.profile?.emailAddress)).toEqual(['teacher1@district.example.edu']);

    const again = await client.createCourse(input).catch((e: unknown) => e);
    expect(isClassroomError(again, 'ALREADY_EXISTS')).toBe(true);
    expect((again as { status: number }).status).toBe(409);
    expect(await collect(client.courses())).toHaveLength(1);
  });

  it('adds an alias to an existing course, refusing a taken one', async () => {
    const client = h.client();
    const course = await client.createCourse({ name: 'No alias yet', ownerId: 'teacher2@district.example.edu' });
    await client.createAlias(course.id, 'd:class-2');
    expect((await client.getCourse('d:class-2')).id).toBe(course.id);
    const taken = await client.createAlias(course.id, 'd:class-1').catch((e: unknown) => e);
    expect(isClassroomError(taken, 'ALREADY_EXISTS')).toBe(true);
  });

  it('adds and removes students and teachers', async () => {
    const client = h.client();
    await client.addStudent('d:class-1', 'student1@district.example.edu');
    await client.addStudent('d:class-1', 'student2@district.example.edu');
    await client.addTeacher('d:class-1', 'coteacher1@district.example.edu');
    const emails = async (kind: 'students' | 'teachers') => (await collect(client[kind]('d:class-1'))).map((m) => m.profile?.emailAddress);
    expect(await emails('students')).toEqual(['student1@district.example.edu', 'student2@district.example.edu']);

    const twice = await client.addStudent('d:class-1', 'student1@district.example.edu').catch((e: unknown) => e);
    expect(isClassroomError(twice, 'ALREADY_EXISTS')).toBe(true);
    const unknown = await client.addStudent('d:class-1', 'ghost@district.example.edu').catch((e: unknown) => e);
    expect(isClassroomError(unknown, 'NOT_FOUND')).toBe(true);

    await client.removeStudent('d:class-1', 'student1@district.example.edu');
    await client.removeTeacher('d:class-1', 'coteacher1@district.example.edu');
    expect(await emails('students')).toEqual(['student2@district.example.edu']);
    expect(await emails('teachers')).toEqual(['teacher1@district.example.edu']);
    const notThere = await client.removeStudent('d:class-1', 'student1@district.example.edu').catch((e: unknown) => e);
    expect(isClassroomError(notThere, 'NOT_FOUND')).toBe(true);
    const owner = await client.removeTeacher('d:class-1', 'teacher1@district.example.edu').catch((e: unknown) => e);
    expect(isClassroomError(owner, 'FAILED_PRECONDITION')).toBe(true);
  });

  it('archives a course (patch with updateMask) so ACTIVE listings drop it', async () => {
    const client = h.client();
    const archived = await client.archiveCourse('d:class-2');
    expect(archived.courseState).toBe('ARCHIVED');
    const active = await collect(client.courses({ courseStates: ['ACTIVE'] }));
    expect(active.map((c) => c.name)).toEqual(['Biology 1']);
    const patched = await client.patchCourse('d:class-1', { room: 'Lab 2' });
    expect(patched).toMatchObject({ room: 'Lab 2', name: 'Biology 1' });
    const patchCall = h.emulator.admin.requests().filter((r) => r.method === 'PATCH').at(-1);
    expect(patchCall?.query).toBe('updateMask=room');
  });

  it('counts logical calls and HTTP attempts', async () => {
    const client = h.client();
    await client.getCourse('d:class-1');
    await client.findCourse('d:nope');
    const stats = client.stats();
    expect(stats.calls.GET).toBe(2);
    expect(stats.http.requests.GET).toBe(2);
    expect(stats.http.requests.POST).toBe(1); // the token request
    expect(stats.tokenRequests).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { admin, call, requestToken, startTiny } from './helpers.js';

describe('sandbox access-record admin API', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startTiny({ now: new Date('2025-07-01T12:00:00Z') });
  });
  afterAll(() => sandbox.close());

  const setClock = (now: string | null) => admin(sandbox, 'PUT', '/clock', { now });
  const tokenStatus = async (id: string, secret: string) => (await requestToken(sandbox, { id, secret })).status;

  it('refuses the admin API without the admin token', async () => {
    const reply = await call('GET', `${sandbox.adminUrl}/access-records`, { token: 'wrong' });
    expect(reply.status).toBe(401);
    expect(reply.json.error).toBe('unauthorized');
  });

  it('creates a record, shows its secret once, replaces it on regeneration and never lists it', async () => {
    const created = await admin(sandbox, 'POST', '/access-records', { name: 'Google Classroom 2025', key: 'GOOGLE2025', effectiveDate: '2025-07-01' });
    expect(created.status).toBe(201);
    const record = created.json.accessRecord;
    expect(record).toMatchObject({ name: 'Google Classroom 2025', key: 'GOOGLE2025', authType: 'OAuth 2.0', isActive: true, effectiveDate: '2025-07-01', expirationDate: '2026-07-01', hasSecret: false });
    expect(record.secret).toBeUndefined();
    expect(await tokenStatus('GOOGLE2025', '')).toBe(401);

    const first = await admin(sandbox, 'POST', `/access-records/${record.id}/generate-secret`);
    expect(first.status).toBe(200);
    const secret1 = first.json.secret as string;
    expect(secret1.length).toBeGreaterThanOrEqual(32);
    expect(await tokenStatus('GOOGLE2025', secret1)).toBe(200);

    const second = await admin(sandbox, 'POST', `/access-records/${record.id}/generate-secret`);
    const secret2 = second.json.secret as string;
    expect(secret2).not.toBe(secret1);
    expect(await tokenStatus('GOOGLE2025', secret1)).toBe(401);
    expect(await tokenStatus('GOOGLE2025', secret2)).toBe(200);

    const listed = await admin(sandbox, 'GET', '/access-records');
    expect(listed.json.accessRecords.map((r: { key: string }) => r.key)).toEqual(['sandbox-client', 'GOOGLE2025']);
    const single = await admin(sandbox, 'GET', `/access-records/${record.id}`);
    for (const text of [JSON.stringify(listed.json), JSON.stringify(single.json), JSON.stringify(sandbox.requests())]) {
      expect(text).not.toContain(secret1);
      expect(text).not.toContain(secret2);
      expect(text).not.toContain('"secret"');
    }
    expect(single.json.accessRecord.hasSecret).toBe(true);
  });

  it('accepts a record only inside its window at the sandbox clock', async () => {
    const created = await admin(sandbox, 'POST', '/access-records', { name: 'Google Classroom 2026', key: 'GOOGLE2026', effectiveDate: '2026-06-01' });
    const id = created.json.accessRecord.id;
    expect(created.json.accessRecord.expirationDate).toBe('2027-06-01');
    const secret = (await admin(sandbox, 'POST', `/access-records/${id}/generate-secret`)).json.secret as string;
    try {
      expect(await tokenStatus('GOOGLE2026', secret)).toBe(401); // not yet effective
      expect((await setClock('2026-06-01T00:00:00Z')).json.today).toBe('2026-06-01');
      expect(await tokenStatus('GOOGLE2026', secret)).toBe(200);
      await setClock('2027-06-01T23:00:00Z');
      expect(await tokenStatus('GOOGLE2026', secret)).toBe(200); // last day still valid
      await setClock('2027-06-02T00:00:00Z');
      const expired = await requestToken(sandbox, { id: 'GOOGLE2026', secret });
      expect(expired.status).toBe(401);
      expect(expired.json.error_description).toContain('expired');
      // Clearing the expiration date makes the record open-ended.
      expect((await admin(sandbox, 'PATCH', `/access-records/${id}`, { expirationDate: null })).json.accessRecord.expirationDate).toBeNull();
      expect(await tokenStatus('GOOGLE2026', secret)).toBe(200);
      // The built-in demo record is always valid.
      expect(await tokenStatus(sandbox.clientId, sandbox.clientSecret)).toBe(200);
    } finally {
      await setClock('2025-07-01T12:00:00Z');
    }
  });

  it('deactivation and rejectTokens make the credentials and their tokens fail', async () => {
    const created = await admin(sandbox, 'POST', '/access-records', { name: 'Rotation test', key: 'ROTATE', effectiveDate: null });
    expect(created.json.accessRecord.expirationDate).toBeNull();
    const id = created.json.accessRecord.id;
    const secret = (await admin(sandbox, 'POST', `/access-records/${id}/generate-secret`)).json.secret as string;
    const issued = (await requestToken(sandbox, { id: 'ROTATE', secret })).json.access_token as string;
    expect((await call('GET', `${sandbox.rostering12Url}/orgs`, { token: issued })).status).toBe(200);

    expect((await admin(sandbox, 'PATCH', `/access-records/${id}`, { rejectTokens: true })).status).toBe(200);
    expect(await tokenStatus('ROTATE', secret)).toBe(401);
    expect((await call('GET', `${sandbox.rostering12Url}/orgs`, { token: issued })).status).toBe(401);
    await admin(sandbox, 'PATCH', `/access-records/${id}`, { rejectTokens: false });
    expect(await tokenStatus('ROTATE', secret)).toBe(200);

    const deactivated = await admin(sandbox, 'POST', `/access-records/${id}/deactivate`);
    expect(deactivated.json.accessRecord.isActive).toBe(false);
    expect(await tokenStatus('ROTATE', secret)).toBe(401);
    expect((await call('GET', `${sandbox.rostering12Url}/orgs`, { token: issued })).status).toBe(401);
    expect((await admin(sandbox, 'DELETE', `/access-records/${id}`)).status).toBe(204);
    expect((await admin(sandbox, 'GET', `/access-records/${id}`)).status).toBe(404);
  });

  it('validates bodies: duplicate key 409, bad dates and unknown fields 422, immutable key', async () => {
    expect((await admin(sandbox, 'POST', '/access-records', { name: 'dup', key: 'sandbox-client' })).status).toBe(409);
    expect((await admin(sandbox, 'POST', '/access-records', { name: 'bad', key: 'BAD1', effectiveDate: '2025-13-01' })).status).toBe(422);
    expect((await admin(sandbox, 'POST', '/access-records', { name: 'bad', key: 'BAD2', effectiveDate: '2025-07-01', expirationDate: '2025-06-01' })).status).toBe(422);
    expect((await admin(sandbox, 'POST', '/access-records', { name: 'bad', key: 'BAD3', secret: 'mine' })).status).toBe(422);
    expect((await admin(sandbox, 'POST', '/access-records', { key: 'BAD4' })).json.error).toBe('validation_failed');
    expect((await admin(sandbox, 'PATCH', '/access-records/builtin', { key: 'OTHER' })).status).toBe(422);
    expect((await admin(sandbox, 'GET', '/access-records/nope')).status).toBe(404);
  });

  it('records traffic without secret query values and clears it', async () => {
    sandbox.clearRequests();
    await fetch(`${sandbox.tokenUrl}?client_secret=leaky-value-123`, { method: 'POST' });
    const log = await admin(sandbox, 'GET', '/requests');
    const entry = log.json.requests.find((r: { path: string }) => r.path === '/oauth/token');
    expect(entry).toMatchObject({ method: 'POST', status: 400 });
    expect(entry.query).toContain('REDACTED');
    expect(JSON.stringify(log.json)).not.toContain('leaky-value-123');
    expect((await admin(sandbox, 'DELETE', '/requests')).status).toBe(204);
    expect(sandbox.requests().filter((r) => !r.path.startsWith('/admin'))).toEqual([]);
  });

  it('mutates the roster: move a student, clear a class\'s enrollments', async () => {
    const [from, to] = [...sandbox.data.classes.values()];
    const student = sandbox.data.classEnrollments(from!.sourcedId, 'student').map((e) => e.userId)
      .find((id) => !sandbox.data.userEnrollments(id).some((e) => e.classId === to!.sourcedId))!;
    const moved = await admin(sandbox, 'POST', '/roster/move-student', { student, fromClass: from!.sourcedId, toClass: to!.sourcedId });
    expect(moved.status).toBe(200);
    expect(moved.json.enrollment.class.sourcedId).toBe(to!.sourcedId);
    expect(sandbox.data.classEnrollments(to!.sourcedId).some((e) => e.userId === student)).toBe(true);
    expect(sandbox.data.classEnrollments(from!.sourcedId).some((e) => e.userId === student)).toBe(false);
    expect((await admin(sandbox, 'POST', '/roster/move-student', { student, fromClass: from!.sourcedId, toClass: to!.sourcedId })).status).toBe(422);

    const before = sandbox.data.classEnrollments(to!.sourcedId, 'student').length;
    const cleared = await admin(sandbox, 'POST', '/roster/clear-enrollments', { class: to!.sourcedId, role: 'student' });
    expect(cleared.json.removed).toBe(before);
    expect(sandbox.data.classEnrollments(to!.sourcedId, 'student')).toEqual([]);
    expect(sandbox.data.classEnrollments(to!.sourcedId, 'teacher').length).toBeGreaterThan(0);

    expect((await admin(sandbox, 'POST', '/reset')).status).toBe(200);
    expect(sandbox.data.classEnrollments(to!.sourcedId, 'student').length).toBeGreaterThan(0);
    expect((await admin(sandbox, 'GET', '/access-records')).json.accessRecords).toHaveLength(1);
  });

  it('renames and moves a class, refusing unknown classes and fields and an empty title', async () => {
    const klass = [...sandbox.data.classes.values()][0]!;
    const updated = await admin(sandbox, 'POST', '/roster/update-class', { class: klass.sourcedId, title: 'Biology (honors)', location: 'Room 404' });
    expect(updated.status).toBe(200);
    expect(updated.json.class).toEqual({ sourcedId: klass.sourcedId, title: 'Biology (honors)', location: 'Room 404', classCode: klass.classCode });
    expect(sandbox.data.classes.get(klass.sourcedId)).toMatchObject({ title: 'Biology (honors)', location: 'Room 404' });
    const refused = [
      { class: 'no-such-class', title: 'x' },
      { class: klass.sourcedId },
      { class: klass.sourcedId, title: '  ' },
      { class: klass.sourcedId, location: 7 },
      { class: klass.sourcedId, grades: ['09'] },
    ];
    for (const body of refused) expect((await admin(sandbox, 'POST', '/roster/update-class', body)).status, JSON.stringify(body)).toBe(422);
    expect(sandbox.data.classes.get(klass.sourcedId)).toMatchObject({ title: 'Biology (honors)', location: 'Room 404' });
    expect((await admin(sandbox, 'POST', '/reset')).status).toBe(200);
    expect(sandbox.data.classes.get(klass.sourcedId)!.title).not.toBe('Biology (honors)');
  });
});

describe('sandbox without the built-in client', () => {
  it('rejects the default credentials when the built-in record is disabled', async () => {
    const sandbox = await startTiny({ builtinClient: false });
    try {
      expect((await requestToken(sandbox)).status).toBe(401);
    } finally {
      await sandbox.close();
    }
  });
});

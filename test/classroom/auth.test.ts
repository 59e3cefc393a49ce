import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClassroomError, SCOPES } from '../../src/classroom/index.js';
import { isHttpError } from '../../src/http/index.js';
import { generateTestServiceAccount } from '../../src/sandbox/classroom/index.js';
import { collect, makeRoster, startEmulator, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startEmulator({ roster: makeRoster(3), seed: 7 });
});
afterAll(() => h.close());

describe('JWT bearer flow', () => {
  it('gets a token with a valid assertion and reuses it across calls', async () => {
    const client = h.client();
    const courses = await collect(client.courses());
    expect(courses).toHaveLength(3);
    await client.getCourse('d:class-1');
    await client.getCourse('d:class-2');
    expect(client.stats().tokenRequests).toBe(1);
    const tokenCalls = h.emulator.admin.requests().filter((r) => r.path === h.emulator.tokenPath);
    expect(tokenCalls.every((r) => r.status === 200)).toBe(true);
  });

  it('refuses an assertion signed by another key (AUTH_FAILED, invalid_grant)', async () => {
    const other = generateTestServiceAccount({ clientEmail: h.account.key.client_email });
    const client = h.client({ serviceAccountKey: other.key });
    const error = await client.getCourse('d:class-1').catch((e: unknown) => e);
    expect(isHttpError(error)).toBe(true);
    expect((error as { code: string }).code).toBe('AUTH_FAILED');
    expect((error as Error).message).toContain('invalid_grant');
    expect(client.stats().http.requests.GET ?? 0).toBe(0);
  });

  it('refuses an unknown service account with 401 invalid_client', async () => {
    const stranger = generateTestServiceAccount({ clientEmail: 'stranger@elsewhere.iam.gserviceaccount.com' });
    const error = await h.client({ serviceAccountKey: stranger.key }).getCourse('d:class-1').catch((e: unknown) => e);
    expect((error as { code: string; status: number }).code).toBe('AUTH_FAILED');
    expect((error as { status: number }).status).toBe(401);
  });

  it('refuses to impersonate a user not allowed as admin', async () => {
    const error = await h.client({ subject: 'someone@district.example.edu' }).getCourse('d:class-1').catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('AUTH_FAILED');
  });

  it('refreshes the token once after a 401 and goes on', async () => {
    const client = h.client();
    await client.getCourse('d:class-1');
    h.emulator.admin.revokeTokens();
    const course = await client.getCourse('d:class-2');
    expect(course.name).toBe('Biology 2');
    expect(client.stats().tokenRequests).toBe(2);
  });

  it('refreshes the cached token when it nears expiry', async () => {
    // The client's clock starts in the past so both assertions stay inside the emulator's window.
    let now = Date.now() - 3_500_000;
    const client = h.client({ now: () => now });
    await client.getCourse('d:class-1');
    await client.getCourse('d:class-1');
    expect(client.stats().tokenRequests).toBe(1);
    now = Date.now() + 100_000; // past the refresh point of the first one-hour token
    await client.getCourse('d:class-1');
    expect(client.stats().tokenRequests).toBe(2);
  });
});

describe('scopes', () => {
  it('answers 403 PERMISSION_DENIED when the token lacks the scope', async () => {
    const client = h.client({ scopes: [SCOPES.coursesReadonly] });
    await expect(client.getCourse('d:class-1')).resolves.toMatchObject({ name: 'Biology 1' });
    const error = await collect(client.students('d:class-1')).catch((e: unknown) => e);
    expect(isClassroomError(error, 'PERMISSION_DENIED')).toBe(true);
    expect((error as { status: number }).status).toBe(403);
  });

  it('hides emailAddress without classroom.profile.emails and shows it with it', async () => {
    const without = h.client({ scopes: [SCOPES.rostersReadonly] });
    const withEmails = h.client({ scopes: [SCOPES.rostersReadonly, SCOPES.profileEmails] });
    const [plain] = await collect(without.students('d:class-1'));
    const [full] = await collect(withEmails.students('d:class-1'));
    expect(plain?.profile?.emailAddress).toBeUndefined();
    expect(full?.profile?.emailAddress).toMatch(/@district\.example\.edu$/);
    const profile = await withEmails.userProfile(full!.userId);
    expect(profile.emailAddress).toBe(full!.profile!.emailAddress);
    expect((await without.userProfile(full!.userId)).emailAddress).toBeUndefined();
  });

  it('refuses a token for scopes not granted by domain-wide delegation', async () => {
    const restricted = await startEmulator({
      roster: makeRoster(1),
      serviceAccount: { client_email: h.account.key.client_email, publicKey: h.account.publicKeyPem, allowedScopes: [SCOPES.coursesReadonly] },
    });
    try {
      const error = await restricted.client().getCourse('d:class-1').catch((e: unknown) => e);
      expect((error as { code: string }).code).toBe('AUTH_FAILED');
      expect((error as Error).message).toContain('unauthorized_client');
      await expect(restricted.client({ scopes: [SCOPES.coursesReadonly] }).getCourse('d:class-1')).resolves.toMatchObject({ name: 'Biology 1' });
    } finally {
      await restricted.close();
    }
  });
});

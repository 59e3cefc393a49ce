import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClassroomError } from '../../src/classroom/index.js';
import { createFaultInjector, parseFaultSpec } from '../../src/sandbox/faults.js';
import { collect, makeRoster, startEmulator, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startEmulator({ roster: makeRoster(5), seed: 9 });
});
afterAll(() => h.close());

describe('429 RESOURCE_EXHAUSTED', () => {
  it('backs off and retries until the call succeeds', async () => {
    const client = h.client();
    await client.getCourse('d:class-1'); // token first, so the forced failures hit the API call
    h.emulator.admin.clearRequests();
    h.emulator.admin.failNext(2, { status: 429, retryAfterSeconds: 0 });
    const course = await client.getCourse('d:class-2');
    expect(course.name).toBe('Biology 2');
    expect(h.emulator.admin.requests().map((r) => r.status)).toEqual([429, 429, 200]);
    expect(client.stats().http.retries).toBe(2);
    expect(client.stats().calls.GET).toBe(2);
    expect(client.stats().rateLimit.acquired).toBe(4); // every attempt counts against the quota
  });

  it('fails with a typed RESOURCE_EXHAUSTED error when the attempts run out', async () => {
    const client = h.client({ http: { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } } });
    await client.getCourse('d:class-1');
    h.emulator.admin.failNext(3, { status: 429, retryAfterSeconds: 0 });
    const error = await client.getCourse('d:class-1').catch((e: unknown) => e);
    expect(isClassroomError(error, 'RESOURCE_EXHAUSTED')).toBe(true);
    expect((error as { status: number; attempts: number }).status).toBe(429);
    expect((error as { attempts: number }).attempts).toBe(3);
  });

  it('gets through injected 429s, 503s and dropped connections with the same answers', async () => {
    const faulty = await startEmulator({
      roster: makeRoster(5), seed: 9, faults: createFaultInjector(parseFaultSpec('429=0.2,503=0.1,drop=0.05,retryAfter=0'), 4),
    });
    try {
      const client = faulty.client({ pageSize: 2, http: { retry: { attempts: 10, baseDelayMs: 1, maxDelayMs: 4 } } });
      const names = (await collect(client.courses())).map((c) => c.name).sort();
      const subs = await collect(client.studentSubmissions('d:class-3'));
      const clean = h.client({ pageSize: 2 });
      expect(names).toEqual((await collect(clean.courses())).map((c) => c.name).sort());
      expect(subs.map((s) => s.id)).toEqual((await collect(clean.studentSubmissions('d:class-3'))).map((s) => s.id));
      expect(client.stats().http.retries).toBeGreaterThan(0);
    } finally {
      await faulty.close();
    }
  });
});

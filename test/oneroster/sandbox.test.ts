/**
 * The client against the sandbox over loopback: both OneRoster versions, OAuth 2.0 with Basic and
 * form-body credentials, OAuth 1.0a on 1.1, and a run with injected faults.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OneRosterVersion, SisAuthStyle } from '../../src/config/types.js';
import { mapConcurrent } from '../../src/http/pool.js';
import { createOneRosterClient, type OneRosterClient } from '../../src/oneroster/client.js';
import { filter } from '../../src/oneroster/filter.js';
import type { Result } from '../../src/oneroster/types.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import type { ResolvedSisEndpoints } from '../../src/vendors/types.js';

function endpointsOf(sandbox: SandboxHandle, version: OneRosterVersion, auth: SisAuthStyle): ResolvedSisEndpoints {
  return version === '1.1'
    ? { baseUrl: sandbox.url, rosteringUrl: sandbox.oneRoster11Url, gradebookUrl: sandbox.oneRoster11Url, tokenUrl: sandbox.tokenUrl, version, auth }
    : { baseUrl: sandbox.url, rosteringUrl: sandbox.rostering12Url, gradebookUrl: sandbox.gradebook12Url, tokenUrl: sandbox.tokenUrl, version, auth };
}

function clientFor(sandbox: SandboxHandle, version: OneRosterVersion, auth: SisAuthStyle, pageSize = 25): OneRosterClient {
  return createOneRosterClient({
    endpoints: endpointsOf(sandbox, version, auth), credentials: { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
    userAgent: 'sislink-test', pageSize, http: { retry: { attempts: 6, baseDelayMs: 5, maxDelayMs: 50 } },
  });
}

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const COMBINATIONS: Array<[OneRosterVersion, SisAuthStyle]> = [
  ['1.2', 'oauth2-basic'], ['1.2', 'oauth2-body'], ['1.1', 'oauth2-basic'], ['1.1', 'oauth2-body'],
  ['1.1', 'oauth1-hmac-sha256'], ['1.1', 'oauth1-hmac-sha1'],
];

describe('against the sandbox', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 11, size: 'tiny' });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  for (const [version, auth] of COMBINATIONS) {
    it(`reads rosters and round-trips the gradebook (${version}, ${auth})`, async () => {
      const client = clientFor(sandbox, version, auth);
      try {
        await client.probe();
        const users = await all(client.users());
        expect(users.length).toBe(sandbox.data.users.size);
        expect(new Set(users.map((u) => u.sourcedId)).size).toBe(users.length);

        const teacher = (await all(client.teachers()))[0]!;
        expect((await all(client.teachers({ email: teacher.email! }))).map((t) => t.sourcedId)).toEqual([teacher.sourcedId]);
        const classes = await all(client.classesForTeacher(teacher.sourcedId, { filter: filter('status', '=', 'active') }));
        expect(classes.length).toBeGreaterThan(0);
        const cls = classes[0]!;
        expect((await client.getClass(cls.sourcedId))?.title).toBe(cls.title);
        expect((await client.getUser(teacher.sourcedId))?.email).toBe(teacher.email);
        expect(await client.getClass('no-such-class')).toBeUndefined();
        const students = await all(client.studentsForClass(cls.sourcedId));
        expect(students.length).toBeGreaterThan(0);
        const categories = await all(client.categoriesForClass(cls.sourcedId));
        expect(categories.length).toBeGreaterThan(0);
        const term = (await all(client.terms()))[0]!;
        const periods = await all(client.gradingPeriodsForTerm(term.sourcedId));
        expect(periods.length).toBeGreaterThan(0);
        expect(periods.every((p) => p.type === 'gradingPeriod' && p.startDate && p.endDate && p.schoolYear)).toBe(true);

        const tag = `${version}-${auth}`;
        const lineItemId = `li-${tag}`;
        const title = `Essay ${'x'.repeat(300)}`;
        const lineItem = {
          title, assignDate: '2025-09-01', dueDate: '2025-09-08', class: { sourcedId: cls.sourcedId, type: 'class' },
          school: { sourcedId: cls.school.sourcedId, type: 'org' }, category: { sourcedId: categories[0]!.sourcedId, type: 'category' },
          gradingPeriod: { sourcedId: periods[0]!.sourcedId, type: 'academicSession' }, resultValueMin: 0, resultValueMax: 10, status: 'active' as const,
        };
        expect(await client.putLineItem(lineItemId, lineItem)).toBe('created');
        expect(await client.putLineItem(lineItemId, lineItem)).toBe('updated');
        expect((await client.getLineItem(lineItemId))?.title).toBe(title);

        const result = (i: number, extra: Partial<Result> = {}) => ({
          lineItem: { sourcedId: lineItemId, type: 'lineItem' }, student: { sourcedId: students[i]!.sourcedId, type: 'user' },
          score: 12.5, scoreStatus: 'fully graded' as const, scoreDate: '2025-09-10T12:00:00Z', status: 'active' as const, ...extra,
        });
        expect(await client.putResult(`r1-${tag}`, result(0))).toBe('created');
        expect(await client.putResult(`r2-${tag}`, result(students.length > 1 ? 1 : 0, { scoreStatus: 'exempt', score: 0, scoreDate: '2025-09-10' }))).toBe('created');
        expect((await client.getResult(`r1-${tag}`))?.score).toBe(12.5);
        expect((await client.getResult(`r2-${tag}`))?.scoreStatus).toBe('exempt');
        const classResults = await all(client.resultsForClass(cls.sourcedId));
        expect(classResults.filter((r) => r.lineItem.sourcedId === lineItemId).map((r) => r.sourcedId).sort()).toEqual([`r1-${tag}`, `r2-${tag}`]);
        expect((await all(client.lineItemsForClass(cls.sourcedId))).some((li) => li.sourcedId === lineItemId)).toBe(true);

        expect(await client.deleteResult(`r1-${tag}`)).toBe('deleted');
        expect(await client.getResult(`r1-${tag}`)).toBeUndefined();
        expect(await client.deleteLineItem(lineItemId)).toBe('deleted');
        expect(await client.deleteLineItem(lineItemId, { missingOk: true })).toBe('gone');
        expect((await all(client.lineItemsForClass(cls.sourcedId))).some((li) => li.sourcedId === lineItemId)).toBe(false);
      } finally {
        await client.close();
      }
    });
  }

  it('carries imsx codes on a refused filter', async () => {
    const client = clientFor(sandbox, '1.2', 'oauth2-basic');
    try {
      await expect(all(client.users({ filter: filter('noSuchField', '=', 'x') }))).rejects.toMatchObject({
        code: 'HTTP_ERROR', status: 400, imsx: { codeMajor: 'failure', codeMinor: 'invalid_filter_field' },
      });
    } finally {
      await client.close();
    }
  });

  it('fails with AUTH_FAILED for a wrong secret', async () => {
    const client = createOneRosterClient({
      endpoints: endpointsOf(sandbox, '1.2', 'oauth2-basic'), credentials: { clientId: sandbox.clientId, clientSecret: 'wrong-canary-secret' }, userAgent: 't',
    });
    try {
      const error = await client.probe().catch((e: unknown) => e) as Error;
      expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 401 });
      expect(error.message).not.toContain('wrong-canary-secret');
    } finally {
      await client.close();
    }
  });
});

describe('against the sandbox with 10% faults', () => {
  it('completes every read and write with nothing lost or duplicated', async () => {
    const sandbox = await startSandbox({ seed: 5, size: 'tiny', faults: '429=0.03,503=0.02,500=0.02,drop=0.02,tokenExpiry=0.01,retryAfter=0' });
    const client = clientFor(sandbox, '1.2', 'oauth2-basic', 10);
    try {
      const users = await all(client.users());
      expect(users.length).toBe(sandbox.data.users.size);
      expect(new Set(users.map((u) => u.sourcedId)).size).toBe(users.length);

      const cls = (await all(client.classes()))[0]!;
      const students = await all(client.studentsForClass(cls.sourcedId));
      const category = (await all(client.categoriesForClass(cls.sourcedId)))[0]!;
      const lineItemIds = Array.from({ length: 5 }, (_, i) => `fault-li-${i}`);
      await mapConcurrent(lineItemIds, 4, (id) => client.putLineItem(id, {
        title: id, assignDate: '2025-09-01', dueDate: '2025-09-08', class: { sourcedId: cls.sourcedId }, school: { sourcedId: cls.school.sourcedId },
        category: { sourcedId: category.sourcedId },
      }));
      function* writes(): Generator<{ id: string; lineItemId: string; studentId: string; score: number }> {
        let n = 0;
        for (const lineItemId of lineItemIds) for (const student of students) yield { id: `fault-r-${n}`, lineItemId, studentId: student.sourcedId, score: n++ };
      }
      await mapConcurrent(writes(), 8, (w) => client.putResult(w.id, {
        lineItem: { sourcedId: w.lineItemId }, student: { sourcedId: w.studentId }, score: w.score, scoreStatus: 'fully graded', scoreDate: '2025-09-10',
      }));
      const stored = (await all(client.resultsForClass(cls.sourcedId))).filter((r) => r.sourcedId.startsWith('fault-r-'));
      const expected = [...writes()];
      expect(stored).toHaveLength(expected.length);
      expect(new Map(stored.map((r) => [r.sourcedId, r.score]))).toEqual(new Map(expected.map((w) => [w.id, w.score])));
      expect(client.stats().http.retries).toBeGreaterThan(0);
    } finally {
      await client.close();
      await sandbox.close();
    }
  });
});

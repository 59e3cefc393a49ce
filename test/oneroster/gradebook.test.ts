import { describe, expect, it } from 'vitest';
import type { OneRosterClient } from '../../src/oneroster/client.js';
import { JsonBody, wrappedJson } from '../../src/oneroster/gradebook.js';
import type { OneRosterVersion } from '../../src/config/types.js';
import { closeAfterEach, sendJson, startServer, type TestServer } from '../http/server.js';
import { endpointsFor, makeClient, tokenIssuer } from './fixtures.js';
const opened = closeAfterEach<OneRosterClient>();

const NOT_FOUND = { imsx_codeMajor: 'failure', imsx_severity: 'error', imsx_CodeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: 'unknownobject' }] } };

/** A tiny in-memory gradebook: PUT upserts (201/200), GET, DELETE 204, listings per class. */
async function startGradebook(prefix: string): Promise<TestServer> {
  const tokens = tokenIssuer();
  const store = new Map<string, Record<string, unknown>>();
  return startServer((req, res, body) => {
    if (tokens.handle(req, res, body)) return;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith(prefix)) return sendJson(res, 404, NOT_FOUND);
    const [collection, rawId, ...rest] = path.slice(prefix.length + 1).split('/');
    const id = decodeURIComponent(rawId ?? '');
    const key = `${collection}/${id}`;
    if (req.method === 'PUT') {
      const wrapper = collection === 'lineItems' ? 'lineItem' : 'result';
      const record = (JSON.parse(body) as Record<string, Record<string, unknown>>)[wrapper];
      const existed = store.has(key);
      store.set(key, record!);
      return sendJson(res, existed ? 200 : 201, { [wrapper]: record });
    }
    if (req.method === 'DELETE') {
      if (!store.delete(key)) return sendJson(res, 404, NOT_FOUND);
      res.writeHead(204).end();
      return;
    }
    if (collection === 'classes' && rest[0] === 'lineItems' && rest.length === 1) {
      const items = [...store].filter(([k, v]) => k.startsWith('lineItems/') && (v.class as { sourcedId: string }).sourcedId === id).map(([, v]) => v);
      return sendJson(res, 200, { lineItems: items });
    }
    if (collection === 'classes' && rest[0] === 'lineItems' && rest[2] === 'results') {
      const items = [...store].filter(([k, v]) => k.startsWith('results/') && (v.lineItem as { sourcedId: string }).sourcedId === rest[1]).map(([, v]) => v);
      return sendJson(res, 200, { results: items });
    }
    const record = store.get(key);
    if (record === undefined) return sendJson(res, 404, NOT_FOUND);
    sendJson(res, 200, { [collection === 'lineItems' ? 'lineItem' : 'result']: record });
  });
}

const lineItem = {
  title: 'T'.repeat(300), assignDate: '2025-09-01', dueDate: '2025-09-08', class: { sourcedId: 'class 1/a', type: 'class' },
  school: { sourcedId: 's1', type: 'org' }, category: { sourcedId: 'cat1', type: 'category' }, resultValueMin: 0, resultValueMax: 10,
};
const result = {
  lineItem: { sourcedId: 'li-1', type: 'lineItem' }, student: { sourcedId: 'st-1', type: 'user' }, score: 12, scoreStatus: 'fully graded' as const,
  scoreDate: '2025-09-10T12:00:00Z',
};

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

for (const [version, prefix] of [['1.2', '/ims/oneroster/gradebook/v1p2'], ['1.1', '/ims/oneroster/v1p1']] as Array<[OneRosterVersion, string]>) {
  describe(`gradebook ${version}`, () => {
    it('upserts, reads, lists and deletes line items and results', async () => {
      opened.server = await startGradebook(prefix);
      opened.client = makeClient(endpointsFor(opened.server.url, version));
      expect(await opened.client.putLineItem('li-1', lineItem)).toBe('created');
      expect(await opened.client.putLineItem('li-1', lineItem)).toBe('updated');
      const put = opened.server.requests.find((r) => r.method === 'PUT')!;
      expect(put.url).toBe(`${prefix}/lineItems/li-1`);
      expect(JSON.parse(put.body)).toEqual({ lineItem: { ...lineItem, sourcedId: 'li-1' } });
      expect(put.headers['content-type']).toBe('application/json');

      expect((await opened.client.getLineItem('li-1'))?.title).toHaveLength(300);
      expect(await opened.client.getLineItem('missing')).toBeUndefined();
      expect((await all(opened.client.lineItemsForClass('class 1/a'))).map((li) => li.sourcedId)).toEqual(['li-1']);
      expect(opened.server.requests.some((r) => r.url.startsWith(`${prefix}/classes/class%201%2Fa/lineItems`))).toBe(true);

      expect(await opened.client.putResult('r-1', result)).toBe('created');
      expect((await opened.client.getResult('r-1'))?.score).toBe(12);
      expect((await all(opened.client.resultsForLineItem('class 1/a', 'li-1'))).map((r) => r.sourcedId)).toEqual(['r-1']);

      expect(await opened.client.deleteResult('r-1')).toBe('deleted');
      expect(await opened.client.deleteResult('r-1', { missingOk: true })).toBe('gone');
      await expect(opened.client.deleteResult('r-1')).rejects.toMatchObject({ code: 'HTTP_ERROR', status: 404, method: 'DELETE', imsx: { codeMinor: 'unknownobject' } });
      expect(await opened.client.deleteLineItem('li-1')).toBe('deleted');
      expect(await all(opened.client.lineItemsForClass('class 1/a'))).toEqual([]);
    });
  });
}

describe('rostering paths', () => {
  it('reads every rostering collection under the rostering root with its wrapper key', async () => {
    const tokens = tokenIssuer();
    const keys: Record<string, string> = { orgs: 'orgs', schools: 'orgs', academicSessions: 'academicSessions', terms: 'academicSessions', classes: 'classes', users: 'users', teachers: 'users', students: 'users', enrollments: 'enrollments' };
    opened.server = await startServer((req, res, body) => {
      if (tokens.handle(req, res, body)) return;
      const segments = new URL(req.url ?? '/', 'http://x').pathname.split('/');
      const last = segments.at(-1) ?? '';
      const key = last === 'gradingPeriods' ? 'academicSessions' : (keys[last] ?? 'none');
      sendJson(res, 200, { [key]: [{ sourcedId: `${segments.slice(5).join('/')}` }] });
    });
    opened.client = makeClient(endpointsFor(opened.server.url, '1.2'));
    const c = opened.client;
    const reads: Array<AsyncIterable<{ sourcedId: string }>> = [
      c.orgs(), c.schools(), c.academicSessions(), c.terms(), c.gradingPeriodsForTerm('t1'), c.classes(), c.classesForTeacher('te1'),
      c.classesForSchool('s1'), c.users(), c.teachers({ email: 'a@b.org' }), c.students(), c.studentsForClass('c1'), c.teachersForClass('c1'), c.enrollments(),
    ];
    const ids: string[] = [];
    for (const read of reads) for (const item of await all(read)) ids.push(item.sourcedId);
    expect(ids).toEqual(['orgs', 'schools', 'academicSessions', 'terms', 'terms/t1/gradingPeriods', 'classes', 'teachers/te1/classes',
      'schools/s1/classes', 'users', 'teachers', 'students', 'classes/c1/students', 'classes/c1/teachers', 'enrollments']);
    const teachers = opened.server.requests.find((r) => r.url.startsWith('/ims/oneroster/rostering/v1p2/teachers?'))!;
    expect(new URL(teachers.url, 'http://x').searchParams.get('filter')).toBe("email='a@b.org'");
  });
});

describe('PUT bodies', () => {
  it('wraps the body with the path sourcedId, which wins over one in the body', () => {
    expect(wrappedJson('result', 'r-9', { ...result, sourcedId: 'stale' })).toBe(JSON.stringify({ result: { ...result, sourcedId: 'r-9' } }));
    expect(wrappedJson('lineItem', 'li "1"', {})).toBe('{"lineItem":{"sourcedId":"li \\"1\\""}}');
    expect(wrappedJson('result', 'r-1', new JsonBody(JSON.stringify(result)))).toBe(wrappedJson('result', 'r-1', result));
  });

  it('sends a body the caller serialised exactly as it would have serialised it', async () => {
    opened.server = await startGradebook('/ims/oneroster/gradebook/v1p2');
    opened.client = makeClient(endpointsFor(opened.server.url));
    await opened.client.putResult('r-1', result);
    await opened.client.putResult('r-2', new JsonBody(JSON.stringify(result)));
    const [first, second] = opened.server.requests.filter((r) => r.method === 'PUT');
    expect(second!.body).toBe(first!.body.replace('"r-1"', '"r-2"'));
    expect(JSON.parse(second!.body)).toEqual({ result: { ...result, sourcedId: 'r-2' } });
    expect(second!.headers['content-type']).toBe('application/json');
  });

  it('keeps ids that are dots or hold reserved characters inside their path segment', async () => {
    opened.server = await startGradebook('/ims/oneroster/gradebook/v1p2');
    opened.client = makeClient(endpointsFor(opened.server.url));
    for (const id of ['..', '.', 'a/b?c#d', 'é x']) await opened.client.putResult(id, result);
    const paths = opened.server.requests.filter((r) => r.method === 'PUT').map((r) => r.url);
    expect(paths).toEqual(['%2E%2E', '%2E', 'a%2Fb%3Fc%23d', '%C3%A9%20x'].map((segment) => `/ims/oneroster/gradebook/v1p2/results/${segment}`));
  });
});

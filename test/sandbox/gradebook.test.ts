import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { call, lineItemBody, startTiny, studentOf, token } from './helpers.js';
import {
  assertValid, validateImsx, validateLineItem, validateLineItemEnvelope, validateResult, validateResultEnvelope,
} from './schemas.js';

describe('sandbox gradebook (Google consumption checks)', () => {
  let sandbox: SandboxHandle;
  let bearer: string;
  let gb: string;
  beforeAll(async () => {
    sandbox = await startTiny();
    bearer = await token(sandbox);
    gb = sandbox.gradebook12Url;
  });
  afterAll(() => sandbox.close());

  const put = (path: string, body: unknown) => call('PUT', `${gb}${path}`, { token: bearer, body });
  const get = (path: string) => call('GET', `${gb}${path}`, { token: bearer });

  it('PUT lineItem creates with 201, updates with 200, and keeps a 300-character title whole', async () => {
    const body = { lineItem: lineItemBody(sandbox) };
    assertValid(validateLineItemEnvelope, body);
    const created = await put('/lineItems/li-1', body);
    expect(created.status).toBe(201);
    assertValid(validateLineItemEnvelope, created.json);
    const title = 'T'.repeat(300);
    const updated = await put('/lineItems/li-1', { lineItem: lineItemBody(sandbox, { title }) });
    expect(updated.status).toBe(200);
    const fetched = await get('/lineItems/li-1');
    expect(fetched.status).toBe(200);
    assertValid(validateLineItem, fetched.json.lineItem);
    expect(fetched.json.lineItem.title).toBe(title);
    expect(fetched.json.lineItem.title).toHaveLength(300);
  });

  it('stores extra credit as sent, round-trips exempt and accepts scoreDate as date or date-time', async () => {
    const item = lineItemBody(sandbox, { resultValueMax: 10 });
    await put('/lineItems/li-2', { lineItem: item });
    const classId = (item.class as { sourcedId: string }).sourcedId;
    const student = studentOf(sandbox, classId);
    const extra = { result: { lineItem: { sourcedId: 'li-2' }, student: { sourcedId: student }, scoreStatus: 'fully graded', score: 12.5, scoreDate: '2025-09-10' } };
    assertValid(validateResultEnvelope, extra);
    const created = await put('/results/r-1', extra);
    expect(created.status).toBe(201);
    assertValid(validateResultEnvelope, created.json);
    expect((await get('/results/r-1')).json.result).toMatchObject({ score: 12.5, scoreDate: '2025-09-10', scoreStatus: 'fully graded' });

    const exempt = { result: { ...extra.result, scoreStatus: 'exempt', score: undefined, scoreDate: '2025-09-11T14:30:00.000Z' } };
    const updated = await put('/results/r-1', exempt);
    expect(updated.status).toBe(200);
    const fetched = await get('/results/r-1');
    assertValid(validateResult, fetched.json.result);
    expect(fetched.json.result.scoreStatus).toBe('exempt');
    expect(fetched.json.result.scoreDate).toBe('2025-09-11T14:30:00.000Z');
    expect(fetched.json.result.score).toBeUndefined();
  });

  it('lists line items of a class and results of a line item, and validates them', async () => {
    const classId = (lineItemBody(sandbox).class as { sourcedId: string }).sourcedId;
    const items = await get(`/classes/${classId}/lineItems`);
    expect(items.status).toBe(200);
    expect(items.json.lineItems.map((i: { sourcedId: string }) => i.sourcedId).sort()).toEqual(['li-1', 'li-2']);
    for (const item of items.json.lineItems) assertValid(validateLineItem, item);
    const results = await get('/lineItems/li-2/results');
    expect(results.json.results).toHaveLength(1);
    for (const result of results.json.results) assertValid(validateResult, result);
    const categories = await get(`/classes/${classId}/categories`);
    expect(categories.json.categories.map((c: { title: string }) => c.title)).toEqual(['Assignments', 'Tests', 'Homework']);
  });

  it('DELETE answers 204 and the item is gone from every listing', async () => {
    const item = lineItemBody(sandbox);
    await put('/lineItems/li-3', { lineItem: item });
    const classId = (item.class as { sourcedId: string }).sourcedId;
    const student = studentOf(sandbox, classId);
    await put('/results/r-3', { result: { lineItem: { sourcedId: 'li-3' }, student: { sourcedId: student }, scoreStatus: 'submitted', scoreDate: '2025-09-10' } });
    expect((await call('DELETE', `${gb}/results/r-3`, { token: bearer })).status).toBe(204);
    expect((await get('/results/r-3')).status).toBe(404);
    expect((await get('/lineItems/li-3/results')).json.results).toEqual([]);
    expect((await get('/results')).json.results.map((r: { sourcedId: string }) => r.sourcedId)).not.toContain('r-3');
    expect((await get(`/classes/${classId}/results`)).json.results.map((r: { sourcedId: string }) => r.sourcedId)).not.toContain('r-3');

    expect((await call('DELETE', `${gb}/lineItems/li-3`, { token: bearer })).status).toBe(204);
    const gone = await get('/lineItems/li-3');
    expect(gone.status).toBe(404);
    expect((await get('/lineItems')).json.lineItems.map((i: { sourcedId: string }) => i.sourcedId)).not.toContain('li-3');
    expect((await get(`/classes/${classId}/lineItems`)).json.lineItems.map((i: { sourcedId: string }) => i.sourcedId)).not.toContain('li-3');
    expect((await call('DELETE', `${gb}/lineItems/li-3`, { token: bearer })).status).toBe(404);
  });

  it('answers 404 unknownobject with a valid imsx body', async () => {
    const missing = await get('/lineItems/does-not-exist');
    expect(missing.status).toBe(404);
    assertValid(validateImsx, missing.json);
    expect(missing.json.imsx_codeMajor).toBe('failure');
    expect(missing.json.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('unknownobject');
    expect((await get('/classes/nope/lineItems')).status).toBe(404);
  });

  it('answers 422 invaliddata for unknown references and missing required fields', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['unknown class', lineItemBody(sandbox, { class: { sourcedId: 'no-class' } })],
      ['unknown category', lineItemBody(sandbox, { category: { sourcedId: 'no-category' } })],
      ['unknown school', lineItemBody(sandbox, { school: { sourcedId: 'no-school' } })],
      ['missing title', lineItemBody(sandbox, { title: undefined })],
      ['missing school', lineItemBody(sandbox, { school: undefined })],
      ['missing dueDate', lineItemBody(sandbox, { dueDate: undefined })],
      ['bad date', lineItemBody(sandbox, { assignDate: 'yesterday' })],
    ];
    for (const [label, body] of cases) {
      const reply = await put('/lineItems/bad', { lineItem: JSON.parse(JSON.stringify(body)) });
      expect(reply.status, label).toBe(422);
      assertValid(validateImsx, reply.json);
      expect(reply.json.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('invaliddata');
    }
    const item = lineItemBody(sandbox);
    await put('/lineItems/li-4', { lineItem: item });
    const student = studentOf(sandbox, (item.class as { sourcedId: string }).sourcedId);
    const good = { lineItem: { sourcedId: 'li-4' }, student: { sourcedId: student }, scoreStatus: 'submitted', scoreDate: '2025-09-10' };
    const resultCases: [string, Record<string, unknown>][] = [
      ['unknown line item', { ...good, lineItem: { sourcedId: 'no-item' } }],
      ['unknown student', { ...good, student: { sourcedId: 'no-student' } }],
      ['missing scoreStatus', { ...good, scoreStatus: undefined }],
      ['missing scoreDate', { ...good, scoreDate: undefined }],
      ['bad scoreStatus', { ...good, scoreStatus: 'graded' }],
    ];
    for (const [label, body] of resultCases) {
      const reply = await put('/results/bad', { result: JSON.parse(JSON.stringify(body)) });
      expect(reply.status, label).toBe(422);
    }
    expect((await get('/results/bad')).status).toBe(404);
  });

  it('records writes in the traffic log so tests can assert on them', async () => {
    sandbox.clearRequests();
    await get('/lineItems');
    expect(sandbox.requests().filter((r) => r.method !== 'GET')).toEqual([]);
    await put('/lineItems/li-traffic', { lineItem: lineItemBody(sandbox) });
    const writes = sandbox.requests().filter((r) => r.method === 'PUT');
    expect(writes).toEqual([{ method: 'PUT', path: '/ims/oneroster/gradebook/v1p2/lineItems/li-traffic', query: '', status: 201, at: expect.any(String), userAgent: expect.any(String) }]);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await fetch(`${gb}/lineItems/x`, { method: 'PUT', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: '{not json' });
    expect(response.status).toBe(400);
    assertValid(validateImsx, await response.json());
  });
});

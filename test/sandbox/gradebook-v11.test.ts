import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { V11, call, lineItemBody, startTiny, studentOf, token } from './helpers.js';
import { assertValid, validateLineItemV11, validateResultV11 } from './schemas.js';

describe('sandbox gradebook on OneRoster 1.1', () => {
  let sandbox: SandboxHandle;
  let bearer: string;
  let root: string;
  beforeAll(async () => {
    sandbox = await startTiny();
    bearer = await token(sandbox, ['roster.readonly', 'gradebook.readonly', 'gradebook.createput', 'gradebook.delete'].map((s) => V11 + s));
    root = sandbox.oneRoster11Url;
  });
  afterAll(() => sandbox.close());

  function body11(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const { school: _school, ...rest } = lineItemBody(sandbox);
    const period = [...sandbox.data.sessions.values()].find((s) => s.type === 'gradingPeriod')!;
    return { ...rest, gradingPeriod: { sourcedId: period.sourcedId, type: 'academicSession' }, ...overrides };
  }

  it('requires gradingPeriod and the value range on 1.1 line items, and no school', async () => {
    const body = { lineItem: body11() };
    assertValid(validateLineItemV11, body.lineItem);
    const created = await call('PUT', `${root}/lineItems/v11-li`, { token: bearer, body });
    expect(created.status).toBe(201);
    assertValid(validateLineItemV11, created.json.lineItem);
    expect(created.json.lineItem.school).toBeUndefined();
    for (const missing of ['gradingPeriod', 'resultValueMin', 'resultValueMax']) {
      const reply = await call('PUT', `${root}/lineItems/v11-bad`, { token: bearer, body: { lineItem: body11({ [missing]: undefined }) } });
      expect(reply.status, missing).toBe(422);
      expect(reply.json.imsx_description).toContain(missing);
    }
    // The 1.2 view of the same record carries the class's school.
    const v12 = await call('GET', `${sandbox.gradebook12Url}/lineItems/v11-li`, { token: await token(sandbox) });
    expect(v12.json.lineItem.school.sourcedId).toBe((lineItemBody(sandbox).school as { sourcedId: string }).sourcedId);
  });

  it('requires a score on 1.1 results', async () => {
    const student = studentOf(sandbox, (lineItemBody(sandbox).class as { sourcedId: string }).sourcedId);
    const result = { lineItem: { sourcedId: 'v11-li' }, student: { sourcedId: student }, scoreStatus: 'fully graded', scoreDate: '2025-09-10' };
    expect((await call('PUT', `${root}/results/v11-r`, { token: bearer, body: { result } })).status).toBe(422);
    const created = await call('PUT', `${root}/results/v11-r`, { token: bearer, body: { result: { ...result, score: 101 } } });
    expect(created.status).toBe(201);
    assertValid(validateResultV11, created.json.result);
    expect(created.json.result.class).toBeUndefined();
    const listed = await call('GET', `${root}/classes/${(lineItemBody(sandbox).class as { sourcedId: string }).sourcedId}/results`, { token: bearer });
    expect(listed.json.results.map((r: { sourcedId: string }) => r.sourcedId)).toEqual(['v11-r']);
  });
});

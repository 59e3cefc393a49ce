import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { GOOGLE_SCOPES, V11, V12, call, requestToken, startTiny, token } from './helpers.js';

describe('sandbox token endpoint and scope enforcement', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startTiny();
  });
  afterAll(() => sandbox.close());

  it('issues a token with HTTP Basic and with form-body credentials', async () => {
    const basic = await requestToken(sandbox, { scopes: GOOGLE_SCOPES });
    expect(basic.status).toBe(200);
    expect(basic.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(typeof basic.json.access_token).toBe('string');
    expect(basic.json.scope.split(' ').sort()).toEqual([...GOOGLE_SCOPES].sort());
    const body = await requestToken(sandbox, { style: 'body' });
    expect(body.status).toBe(200);
    expect(body.json.scope).toContain(`${V11}roster.readonly`);
  });

  it('rejects a wrong secret, an unknown client and an unknown scope', async () => {
    expect((await requestToken(sandbox, { secret: 'wrong' })).json.error).toBe('invalid_client');
    expect((await requestToken(sandbox, { id: 'nobody' })).status).toBe(401);
    const scope = await requestToken(sandbox, { scopes: [`${V12}roster.everything`] });
    expect(scope.status).toBe(400);
    expect(scope.json.error).toBe('invalid_scope');
  });

  it('answers 401 with an imsx body without a token, with a bad token and with an expired token', async () => {
    const url = `${sandbox.rostering12Url}/orgs`;
    const none = await call('GET', url);
    expect(none.status).toBe(401);
    expect(none.json.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('unauthorisedrequest');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await call('GET', url, { token: 'not-a-token' })).status).toBe(401);
    const bearer = await token(sandbox);
    expect((await call('GET', url, { token: bearer })).status).toBe(200);
    sandbox.setClock(new Date(Date.now() + 2 * 3600_000));
    try {
      const expired = await call('GET', url, { token: bearer });
      expect(expired.status).toBe(401);
      expect(expired.json.imsx_description).toMatch(/expired/);
    } finally {
      sandbox.setClock(null);
    }
  });

  it('answers 403 forbidden when the token lacks the operation scope', async () => {
    const readOnly = await token(sandbox, [`${V12}roster.readonly`]);
    const classes = await call('GET', `${sandbox.rostering12Url}/classes`, { token: readOnly });
    expect(classes.status).toBe(200);
    const classId = classes.json.classes[0].sourcedId;
    const lineItems = await call('GET', `${sandbox.gradebook12Url}/classes/${classId}/lineItems`, { token: readOnly });
    expect(lineItems.status).toBe(403);
    expect(lineItems.json.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('forbidden');
    const put = await call('PUT', `${sandbox.gradebook12Url}/lineItems/x1`, { token: readOnly, body: {} });
    expect(put.status).toBe(403);
    const del = await call('DELETE', `${sandbox.gradebook12Url}/results/x1`, { token: await token(sandbox, [`${V12}gradebook.readonly`]) });
    expect(del.status).toBe(403);
    // A 1.2 scope does not open 1.1 endpoints.
    expect((await call('GET', `${sandbox.oneRoster11Url}/classes`, { token: readOnly })).status).toBe(403);
  });
});

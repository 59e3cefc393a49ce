import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/http/client.js';
import { HttpError } from '../../src/http/errors.js';
import { createTokenProvider } from '../../src/oneroster/oauth2.js';
import type { OneRosterClient } from '../../src/oneroster/client.js';
import { scopeFor } from '../../src/oneroster/scopes.js';
import { closeAfterEach, sendJson, startServer } from '../http/server.js';
import { CLIENT_ID, CLIENT_SECRET, endpointsFor, makeClient, tokenIssuer } from './fixtures.js';
const opened = closeAfterEach<OneRosterClient>({ clearSecrets: true });

const LINE_ITEM = {
  title: 'Quiz', assignDate: '2025-09-01', dueDate: '2025-09-08', class: { sourcedId: 'c1', type: 'class' },
  school: { sourcedId: 's1', type: 'org' }, category: { sourcedId: 'cat1', type: 'category' },
};

describe('OAuth 2.0 client credentials', () => {
  it('caches one token per scope set and asks for the scope of each operation', async () => {
    const tokens = tokenIssuer();
    opened.server = await startServer((req, res, body) => {
      if (tokens.handle(req, res, body)) return;
      if (!tokens.scopeOf(req)) return sendJson(res, 401, { imsx_codeMajor: 'failure', imsx_CodeMinor: 'unauthorisedrequest' });
      if (req.method === 'PUT') return sendJson(res, 201, {});
      sendJson(res, 200, { orgs: [{ sourcedId: 'o1' }] });
    });
    opened.client = makeClient(endpointsFor(opened.server.url, '1.2'));
    await Promise.all([opened.client.probe(), opened.client.probe(), opened.client.probe()]);
    await opened.client.probe();
    await opened.client.putLineItem('li-1', LINE_ITEM);
    await opened.client.putLineItem('li-2', LINE_ITEM);
    expect(tokens.issued.map((t) => t.scope)).toEqual([scopeFor('1.2', 'roster-read'), scopeFor('1.2', 'gradebook-write')]);
    expect(tokens.issued[0]!.scope).toBe('https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly');
    expect(opened.client.stats().tokenRequests).toBe(2);
  });

  it('asks for every scope at once in combined mode, with v1p1 names for 1.1', async () => {
    const tokens = tokenIssuer();
    opened.server = await startServer((req, res, body) => {
      if (tokens.handle(req, res, body)) return;
      sendJson(res, 200, { orgs: [] });
    });
    opened.client = makeClient(endpointsFor(opened.server.url, '1.1'), { scopeMode: 'combined' });
    await opened.client.probe();
    expect(tokens.issued[0]!.scope?.split(' ')).toEqual(['roster.readonly', 'gradebook.readonly', 'gradebook.createput', 'gradebook.delete']
      .map((name) => `https://purl.imsglobal.org/spec/or/v1p1/scope/${name}`));
  });

  it('sends credentials in HTTP Basic by default and in the form body for oauth2-body', async () => {
    for (const auth of ['oauth2-basic', 'oauth2-body'] as const) {
      const tokens = tokenIssuer();
      opened.server = await startServer((req, res, body) => {
        if (tokens.handle(req, res, body)) return;
        sendJson(res, 200, { orgs: [] });
      });
      opened.client = makeClient(endpointsFor(opened.server.url, '1.2', auth));
      await opened.client.probe();
      expect(tokens.issued.map((t) => t.via)).toEqual([auth === 'oauth2-basic' ? 'basic' : 'body']);
      const tokenRequest = opened.server.requests[0]!;
      expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(tokenRequest.body.includes('client_secret')).toBe(auth === 'oauth2-body');
      await opened.client.close();
      await opened.server.close();
    }
    opened.client = undefined;
    opened.server = undefined;
  });

  it('refreshes the token once on a 401 and then fails with AUTH_FAILED', async () => {
    const tokens = tokenIssuer();
    let rejectNext = 1;
    opened.server = await startServer((req, res, body) => {
      if (tokens.handle(req, res, body)) return;
      if (rejectNext > 0) {
        rejectNext--;
        return sendJson(res, 401, { imsx_codeMajor: 'failure', imsx_CodeMinor: 'unauthorisedrequest' });
      }
      sendJson(res, 200, { orgs: [{ sourcedId: 'o1' }] });
    });
    opened.client = makeClient(endpointsFor(opened.server.url));
    await opened.client.probe();
    expect(tokens.issued).toHaveLength(2);

    rejectNext = 10;
    const error = await opened.client.probe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 401, method: 'GET', imsx: { codeMinor: 'unauthorisedrequest' } });
    expect(tokens.issued).toHaveLength(3);
    expect(rejectNext).toBe(8);
  });

  it('fails with AUTH_FAILED, without the secret, when the token endpoint refuses', async () => {
    opened.server = await startServer((_req, res, body) => {
      // A careless server echoing what it got, secret included.
      sendJson(res, 401, { error: 'invalid_client', error_description: `bad credentials in ${body}` });
    });
    opened.client = makeClient(endpointsFor(opened.server.url, '1.2', 'oauth2-body'));
    const error = await opened.client.probe().catch((e: unknown) => e) as HttpError;
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toContain('invalid_client');
    expect(opened.server.requests[0]!.body).toContain('client_secret=');
    const printed = `${error.message} ${JSON.stringify(error.details)} ${String(error.stack)}`;
    expect(printed).not.toContain(CLIENT_SECRET);
    expect(printed).not.toContain(encodeURIComponent(CLIENT_SECRET));
    expect(opened.server.requests).toHaveLength(1);
  });

  it('reuses a token until 60 s before expiry, then fetches a new one', async () => {
    const tokens = tokenIssuer(3600);
    opened.server = await startServer((req, res, body) => void tokens.handle(req, res, body));
    let clock = 1_000_000;
    const http = createHttpClient({ userAgent: 't', timeoutMs: 5000, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    const provider = createTokenProvider({ http, tokenUrl: `${opened.server.url}/oauth/token`, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, credentialsIn: 'basic', now: () => clock });
    const first = await provider.get(['a']);
    clock += 3_539_000;
    expect(await provider.get(['a'])).toBe(first);
    clock += 2_000;
    const second = await provider.get(['a']);
    expect(second).not.toBe(first);
    provider.invalidate(['a'], first);
    expect(await provider.get(['a'])).toBe(second);
    provider.invalidate(['a'], second);
    expect(await provider.get(['a'])).not.toBe(second);
    expect(provider.requests()).toBe(3);
    await http.close();
  });
});

describe('Infinite Campus vendor authorization', () => {
  it('sends x-vendor-authorization on gradebook calls only', async () => {
    const tokens = tokenIssuer();
    opened.server = await startServer((req, res, body) => {
      if (tokens.handle(req, res, body)) return;
      if (req.method === 'PUT') return sendJson(res, 200, {});
      if (req.url?.includes('/categories')) return sendJson(res, 200, { categories: [{ sourcedId: 'cat1', title: 'HW' }] });
      sendJson(res, 200, { orgs: [{ sourcedId: 'o1' }], users: [] });
    });
    opened.client = makeClient(endpointsFor(opened.server.url), { vendorAuthorization: 'vendor-key:canary-vendor-secret' });
    await opened.client.probe();
    for await (const _user of opened.client.users()) void _user;
    for await (const _category of opened.client.categoriesForClass('c1')) void _category;
    expect(await opened.client.putLineItem('li-1', LINE_ITEM)).toBe('updated');
    const calls = opened.server.requests.filter((r) => !r.url.startsWith('/oauth'));
    expect(calls.map((r) => [r.method, r.url.split('?')[0], r.headers['x-vendor-authorization'] ?? null])).toEqual([
      ['GET', '/ims/oneroster/rostering/v1p2/orgs', null],
      ['GET', '/ims/oneroster/rostering/v1p2/users', null],
      ['GET', '/ims/oneroster/gradebook/v1p2/classes/c1/categories', 'vendor-key:canary-vendor-secret'],
      ['PUT', '/ims/oneroster/gradebook/v1p2/lineItems/li-1', 'vendor-key:canary-vendor-secret'],
    ]);
  });
});

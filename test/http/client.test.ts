import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/http/client.js';
import { HttpError } from '../../src/http/errors.js';
import type { HttpClient } from '../../src/http/types.js';
import { registerSecret } from '../../src/secrets/redact.js';
import { closeAfterEach, sendJson, startServer } from './server.js';

const FAST = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 };
const opened = closeAfterEach<HttpClient>({ clearSecrets: true });

function makeClient(baseUrl: string, retry = FAST, timeoutMs = 5_000): HttpClient {
  opened.client = createHttpClient({ baseUrl, userAgent: 'sislink-test', timeoutMs, retry });
  return opened.client;
}

describe('createHttpClient', () => {
  it('honours Retry-After in seconds on 429, then succeeds', async () => {
    opened.server = await startServer((_req, res, _body, index) => {
      if (index === 0) return sendJson(res, 429, { imsx_codeMajor: 'failure' }, { 'retry-after': '1' });
      sendJson(res, 200, { ok: true });
    });
    const response = await makeClient(opened.server.url).request({ method: 'GET', url: '/things' });
    expect(response.json()).toEqual({ ok: true });
    expect(opened.server.requests).toHaveLength(2);
    const gap = opened.server.requests[1]!.at - opened.server.requests[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(900);
    expect(opened.client!.stats()).toEqual({ requests: { GET: 2 }, retries: 1, failures: 0 });
  });

  it('honours Retry-After as an HTTP date', async () => {
    opened.server = await startServer((_req, res, _body, index) => {
      if (index === 0) return sendJson(res, 503, {}, { 'retry-after': new Date(Date.now() + 2000).toUTCString() });
      sendJson(res, 200, {});
    });
    await makeClient(opened.server.url).request({ method: 'GET', url: '/x' });
    // HTTP dates have one-second resolution, so the wait is at least about one second.
    expect(opened.server.requests[1]!.at - opened.server.requests[0]!.at).toBeGreaterThanOrEqual(900);
  });

  it('retries 503 and 502 with backoff and succeeds', async () => {
    opened.server = await startServer((_req, res, _body, index) => sendJson(res, [503, 502, 200][index] ?? 200, { n: index }));
    const response = await makeClient(opened.server.url).request({ method: 'PUT', url: '/x', json: { a: 1 } });
    expect(response.json()).toEqual({ n: 2 });
    expect(opened.server.requests.map((r) => r.body)).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
  });

  it('retries a dropped connection and succeeds', async () => {
    opened.server = await startServer((req, res, _body, index) => {
      if (index < 2) return void req.socket.destroy();
      sendJson(res, 200, { fine: true });
    });
    const response = await makeClient(opened.server.url).request({ method: 'GET', url: '/x' });
    expect(response.json()).toEqual({ fine: true });
    expect(opened.server.requests).toHaveLength(3);
  });

  it('gives up after the configured attempts with a typed, redacted error', async () => {
    const canary = 'canary-secret-7f3a9';
    registerSecret(canary);
    opened.server = await startServer((_req, res) => sendJson(res, 503, {
      imsx_codeMajor: 'failure', imsx_severity: 'error', imsx_description: `busy, your secret was ${canary}`,
      imsx_CodeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: 'server_busy' }] },
    }));
    const withUserinfo = opened.server.url.replace('http://', `http://user:${canary}@`);
    const error = await makeClient(opened.server.url).request({ method: 'GET', url: `${withUserinfo}/p/${canary}?access_token=abc123&limit=5` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    const http = error as HttpError;
    expect(http.code).toBe('HTTP_ERROR');
    expect(http.status).toBe(503);
    expect(http.method).toBe('GET');
    expect(http.attempts).toBe(4);
    expect(opened.server.requests).toHaveLength(4);
    expect(http.imsx).toMatchObject({ codeMajor: 'failure', codeMinor: 'server_busy', severity: 'error' });
    expect(http.url).toBe(`${opened.server.url}/p/[REDACTED]?access_token=[REDACTED]&limit=5`);
    const printed = `${http.message} ${JSON.stringify(http.details)} ${http.url}`;
    expect(printed).not.toContain(canary);
    expect(printed).not.toContain('abc123');
    expect(printed).not.toContain('user:');
    expect(http.message).toContain('server_busy');
  });

  it('does not retry a POST unless it is marked idempotent', async () => {
    opened.server = await startServer((_req, res) => sendJson(res, 503, {}));
    const c = makeClient(opened.server.url);
    await expect(c.request({ method: 'POST', url: '/x', body: 'a' })).rejects.toMatchObject({ status: 503, attempts: 1 });
    expect(opened.server.requests).toHaveLength(1);
    await expect(c.request({ method: 'POST', url: '/x', body: 'a', idempotent: true })).rejects.toMatchObject({ status: 503, attempts: 4 });
    expect(opened.server.requests).toHaveLength(5);
  });

  it('does not retry client errors and returns accepted statuses', async () => {
    opened.server = await startServer((_req, res) => sendJson(res, 404, { imsx_codeMajor: 'failure', imsx_CodeMinor: 'unknownobject' }));
    const c = makeClient(opened.server.url);
    await expect(c.request({ method: 'GET', url: '/x' })).rejects.toMatchObject({ code: 'HTTP_ERROR', status: 404, imsx: { codeMinor: 'unknownobject' } });
    const response = await c.request({ method: 'DELETE', url: '/x', acceptStatus: [404] });
    expect(response.status).toBe(404);
    expect(opened.server.requests).toHaveLength(2);
  });

  it('reports a timeout as HTTP_TIMEOUT after bounded attempts', async () => {
    opened.server = await startServer(() => undefined);
    const error = await makeClient(opened.server.url, { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 }, 200)
      .request({ method: 'GET', url: '/hang' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HTTP_TIMEOUT', method: 'GET', attempts: 2 });
    expect(opened.server.requests).toHaveLength(2);
  });

  it('reports a stalled body as HTTP_TIMEOUT', async () => {
    opened.server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"users":[');
    });
    const error = await makeClient(opened.server.url, { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, 200)
      .request({ method: 'GET', url: '/stall' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HTTP_TIMEOUT', method: 'GET', attempts: 1 });
  });

  it('signs every attempt afresh and sends the user agent', async () => {
    opened.server = await startServer((_req, res, _body, index) => sendJson(res, index === 0 ? 502 : 200, {}));
    let n = 0;
    await makeClient(opened.server.url).request({ method: 'GET', url: '/x', query: { filter: "a='b c'", skip: undefined, state: ['A', 'B'] }, sign: () => ({ authorization: `n${++n}` }) });
    expect(opened.server.requests.map((r) => r.headers.authorization)).toEqual(['n1', 'n2']);
    expect(opened.server.requests[0]!.headers['user-agent']).toBe('sislink-test');
    expect(decodeURIComponent(opened.server.requests[0]!.url)).toBe("/x?filter=a='b c'&state=A&state=B");
  });

  it('leaves an injected dispatcher open on close', async () => {
    const { Agent } = await import('undici');
    const agent = new Agent();
    opened.server = await startServer((_req, res) => sendJson(res, 200, {}));
    const c = createHttpClient({ dispatcher: agent, userAgent: 'x', timeoutMs: 1000, retry: FAST });
    await c.close();
    await expect(c.request({ method: 'GET', url: `${opened.server.url}/` })).resolves.toMatchObject({ status: 200 });
    await agent.close();
  });
});

import { Agent } from 'undici';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { send, targetOf } from '../../src/http/send.js';
import { startServer, type TestServer } from './server.js';

describe('targetOf', () => {
  it('splits clean URLs into origin and path, keeping the query and dropping the fragment', () => {
    expect(targetOf('http://127.0.0.1:8080/ims/oneroster/v1p2/results/r-1')).toEqual({ origin: 'http://127.0.0.1:8080', path: '/ims/oneroster/v1p2/results/r-1' });
    expect(targetOf('https://sis.example.org/a?limit=10&offset=20#top')).toEqual({ origin: 'https://sis.example.org', path: '/a?limit=10&offset=20' });
    expect(targetOf('https://sis.example.org')).toEqual({ origin: 'https://sis.example.org', path: '/' });
    expect(targetOf('https://sis.example.org?x=1')).toEqual({ origin: 'https://sis.example.org', path: '/?x=1' });
  });

  it('normalises the origin the way the URL parser does', () => {
    expect(targetOf('HTTPS://SIS.Example.ORG:443/x').origin).toBe('https://sis.example.org');
    expect(targetOf('http://localhost:80/x').origin).toBe('http://localhost');
  });

  it('falls back to the URL parser for paths that need encoding', () => {
    expect(targetOf('http://host/a b/é')).toEqual({ origin: 'http://host', path: '/a%20b/%C3%A9' });
  });
});

describe('send', () => {
  let server: TestServer | undefined;
  const agent = new Agent();
  afterAll(() => agent.close());
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('collects a body sent in many chunks and joins repeated headers', async () => {
    const big = 'x'.repeat(300_000);
    server = await startServer((_req, res) => {
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.writeHead(200, { 'content-type': 'text/plain', 'X-Total-Count': '7' });
      res.write(big.slice(0, 100_000));
      setTimeout(() => res.end(big.slice(100_000)), 10);
    });
    const response = await send(agent, `${server.url}/big`, { method: 'GET', headers: {}, body: undefined, timeoutMs: 5_000, signal: undefined });
    expect(response.status).toBe(200);
    expect(response.text).toBe(big);
    expect(response.headers['x-total-count']).toBe('7');
    expect(response.headers['set-cookie']).toBe('a=1, b=2');
  });

  it('decodes UTF-8 split across chunks', async () => {
    const word = 'élève—ünïcode';
    const bytes = Buffer.from(word, 'utf8');
    server = await startServer((_req, res) => {
      res.writeHead(200);
      res.write(bytes.subarray(0, 1));
      setTimeout(() => res.end(bytes.subarray(1)), 10);
    });
    const response = await send(agent, `${server.url}/`, { method: 'GET', headers: {}, body: undefined, timeoutMs: 5_000, signal: undefined });
    expect(response.text).toBe(word);
  });

  it('stops waiting when the caller aborts, and refuses to start when already aborted', async () => {
    server = await startServer(() => undefined);
    const controller = new AbortController();
    const pending = send(agent, `${server.url}/slow`, { method: 'GET', headers: {}, body: undefined, timeoutMs: 30_000, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop now')), 20);
    await expect(pending).rejects.toThrow('stop now');
    await expect(send(agent, `${server.url}/slow`, { method: 'GET', headers: {}, body: undefined, timeoutMs: 30_000, signal: controller.signal }))
      .rejects.toThrow('stop now');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a headers timeout with undici\'s code', async () => {
    server = await startServer(() => undefined);
    await expect(send(agent, `${server.url}/slow`, { method: 'GET', headers: {}, body: undefined, timeoutMs: 50, signal: undefined }))
      .rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
  });
});

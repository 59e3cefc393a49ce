import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { filter } from '../../src/oneroster/filter.js';
import { nextLink } from '../../src/oneroster/paging.js';
import type { OneRosterClient } from '../../src/oneroster/client.js';
import { closeAfterEach, sendJson, startServer } from '../http/server.js';
import { endpointsFor, makeClient, tokenIssuer } from './fixtures.js';

const TOTAL = 23;
const opened = closeAfterEach<OneRosterClient>();

function users(offset: number, limit: number, total = TOTAL): Array<{ sourcedId: string }> {
  const count = Math.max(0, Math.min(limit, total - offset));
  return Array.from({ length: count }, (_, i) => ({ sourcedId: `u${offset + i}` }));
}

function pageParams(req: IncomingMessage): { offset: number; limit: number; url: URL } {
  const url = new URL(req.url ?? '/', 'http://x');
  return { offset: Number(url.searchParams.get('offset') ?? 0), limit: Number(url.searchParams.get('limit') ?? 100), url };
}

async function collect(iterable: AsyncIterable<{ sourcedId: string }>): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of iterable) ids.push(item.sourcedId);
  return ids;
}

const expected = Array.from({ length: TOTAL }, (_, i) => `u${i}`);

describe('paging', () => {
  it('stops on X-Total-Count without asking for an empty page', async () => {
    const tokens = tokenIssuer();
    // 25 records in pages of 5: every page is full, so only the total says where the end is.
    opened.server = await startServer((req, res, body) => {
      if (tokens.handle(req, res, body)) return;
      const { offset, limit } = pageParams(req);
      sendJson(res, 200, { users: users(offset, limit, 25) }, { 'x-total-count': '25' });
    });
    opened.client = makeClient(endpointsFor(opened.server.url), { pageSize: 5 });
    expect(await collect(opened.client.users())).toHaveLength(25);
    expect(opened.server.requests.filter((r) => r.method === 'GET')).toHaveLength(5);
  });

  it('keeps reading by offset when the server caps the page size below the limit', async () => {
    const tokens = tokenIssuer();
    opened.server = await startServer((req, res, body) => {
      if (tokens.handle(req, res, body)) return;
      const { offset } = pageParams(req);
      sendJson(res, 200, { users: users(offset, 7) }, { 'x-total-count': String(TOTAL) });
    });
    opened.client = makeClient(endpointsFor(opened.server.url), { pageSize: 10 });
    expect(await collect(opened.client.users())).toEqual(expected);
    expect(opened.server.requests.filter((r) => r.method === 'GET').map((r) => pageParams({ url: r.url } as IncomingMessage).offset)).toEqual([0, 7, 14, 21]);
  });

  it('follows Link rel="next" and stops when a page has none', async () => {
    const tokens = tokenIssuer();
    opened.server = await startServer((req, res, body) => {
      if (tokens.handle(req, res, body)) return;
      const { offset, limit, url } = pageParams(req);
      const headers: Record<string, string> = {};
      const links = [`<${url.pathname}?limit=${limit}&offset=0>; rel="first"`];
      if (offset + limit < TOTAL) links.push(`<${opened.server!.url}${url.pathname}?limit=${limit}&offset=${offset + limit}&cursor=c${offset}>; rel="next"`);
      headers.link = links.join(', ');
      sendJson(res, 200, { users: users(offset, limit) }, headers);
    });
    opened.client = makeClient(endpointsFor(opened.server.url), { pageSize: 10 });
    expect(await collect(opened.client.users())).toEqual(expected);
    const gets = opened.server.requests.filter((r) => r.method === 'GET').map((r) => r.url);
    expect(gets).toHaveLength(3);
    expect(gets[1]).toContain('cursor=c0');
  });

  it('stops on a short page when the server sends neither header', async () => {
    const tokens = tokenIssuer();
    opened.server = await startServer((req, res, body) => {
      if (tokens.handle(req, res, body)) return;
      const { offset, limit } = pageParams(req);
      sendJson(res, 200, { users: users(offset, limit) });
    });
    opened.client = makeClient(endpointsFor(opened.server.url), { pageSize: 10 });
    expect(await collect(opened.client.users())).toEqual(expected);
    expect(opened.server.requests.filter((r) => r.method === 'GET').map((r) => pageParams({ url: r.url } as IncomingMessage).offset)).toEqual([0, 10, 20]);
  });

  it('stops on an empty page and sends filter, fields, sort and orderBy', async () => {
    const tokens = tokenIssuer();
    opened.server = await startServer((req, res, body) => {
      if (tokens.handle(req, res, body)) return;
      const { offset } = pageParams(req);
      sendJson(res, 200, { users: offset === 0 ? users(0, 4) : [] });
    });
    opened.client = makeClient(endpointsFor(opened.server.url), { pageSize: 4 });
    const ids = await collect(opened.client.users({ filter: filter('givenName', '=', "O'Brien"), fields: ['sourcedId', 'email'], sort: 'familyName', orderBy: 'desc' }));
    expect(ids).toHaveLength(4);
    const gets = opened.server.requests.filter((r) => r.method === 'GET');
    expect(gets).toHaveLength(2);
    const params = pageParams({ url: gets[0]!.url } as IncomingMessage).url.searchParams;
    expect(params.get('filter')).toBe("givenName='O''Brien'");
    expect(params.get('fields')).toBe('sourcedId,email');
    expect(params.get('sort')).toBe('familyName');
    expect(params.get('orderBy')).toBe('desc');
  });

  it('reads the next relation out of Link headers', () => {
    expect(nextLink('<https://a/x?offset=10>; rel="next", <https://a/x?offset=90>; rel="last"')).toBe('https://a/x?offset=10');
    expect(nextLink('<https://a/x?offset=0>; rel="first"')).toBeNull();
    expect(nextLink(undefined)).toBeUndefined();
    expect(nextLink('<https://a/x?o=1,2>; rel=next')).toBe('https://a/x?o=1,2');
  });
});

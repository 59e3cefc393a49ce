import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { OneRosterClient } from '../../src/oneroster/client.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { closeAfterEach, startServer } from '../http/server.js';
import { endpointsFor, makeClient, tokenIssuer } from './fixtures.js';
import { createOneRosterClient } from '../../src/oneroster/client.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const TOTAL = 50_000;
const PAGE = 1000;
const MB = 1024 * 1024;
const opened = closeAfterEach<OneRosterClient>();

function user(i: number): Record<string, unknown> {
  return {
    sourcedId: `user-${i}`, status: 'active', dateLastModified: '2025-08-01T00:00:00Z', givenName: `Given${i}`, familyName: `Family${i}`,
    email: `user${i}@school.example.org`, role: 'student', orgs: [{ sourcedId: 'school-1', type: 'org' }],
    metadata: { note: `${i}-`.padEnd(800, 'x') },
  };
}

function heapMb(): number {
  gc();
  return process.memoryUsage().heapUsed / MB;
}

describe('memory while paging', () => {
  it('stays flat across 50,000 users: growth bounded by a few pages, not the collection', async () => {
    const tokens = tokenIssuer();
    let bytesServed = 0;
    opened.server = await startServer((req, res, body) => {
      if (tokens.handle(req, res, body)) return;
      const url = new URL(req.url ?? '/', 'http://x');
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      const page = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, k) => user(offset + k));
      const text = JSON.stringify({ users: page });
      bytesServed += text.length;
      res.writeHead(200, { 'content-type': 'application/json', 'x-total-count': String(TOTAL) });
      res.end(text);
    });
    opened.client = makeClient(endpointsFor(opened.server.url), { pageSize: PAGE });

    const baseline = heapMb();
    let peak = baseline;
    let count = 0;
    let lastId = '';
    for await (const item of opened.client.users()) {
      count++;
      lastId = item.sourcedId;
      if (count % 5000 === 0) peak = Math.max(peak, heapMb());
    }
    expect(count).toBe(TOTAL);
    expect(lastId).toBe(`user-${TOTAL - 1}`);
    // The whole collection is over 40 MB of JSON (more as objects); one page is about 1 MB.
    expect(bytesServed).toBeGreaterThan(40 * MB);
    expect(peak - baseline).toBeLessThan(16);
  });

  it('stays flat paging 50,000 sandbox users', async () => {
    const sandbox = await startSandbox({ seed: 3, schools: 2, classes: 100, students: 50_000 });
    const sis = createOneRosterClient({
      endpoints: { baseUrl: sandbox.url, rosteringUrl: sandbox.rostering12Url, gradebookUrl: sandbox.gradebook12Url, tokenUrl: sandbox.tokenUrl, version: '1.2', auth: 'oauth2-basic' },
      credentials: { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret }, userAgent: 'sislink-test', pageSize: PAGE,
    });
    try {
      const baseline = heapMb();
      let peak = baseline;
      let count = 0;
      for await (const _user of sis.users()) {
        count++;
        if (count % 5000 === 0) peak = Math.max(peak, heapMb());
      }
      expect(count).toBe(sandbox.data.users.size);
      expect(count).toBeGreaterThanOrEqual(TOTAL);
      expect(peak - baseline).toBeLessThan(16);
    } finally {
      await sis.close();
      await sandbox.close();
    }
  });
});

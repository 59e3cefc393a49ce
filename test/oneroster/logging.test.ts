import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import type { OneRosterClient } from '../../src/oneroster/client.js';
import { closeAfterEach, sendJson, startServer } from '../http/server.js';
import { CLIENT_SECRET, endpointsFor, makeClient, tokenIssuer } from './fixtures.js';
const opened = closeAfterEach<OneRosterClient>({ clearSecrets: true });

describe('logs', () => {
  it('never hold the client secret, the vendor secret or a bearer token, even at trace level', async () => {
    const tokens = tokenIssuer();
    let n = 0;
    opened.server = await startServer((req, res, body) => {
      if (tokens.handle(req, res, body)) return;
      n++;
      if (n === 1) return sendJson(res, 503, {}, { 'retry-after': '0' });
      if (n === 2) return sendJson(res, 401, { imsx_codeMajor: 'failure' });
      if (req.method === 'PUT') return sendJson(res, 422, { imsx_codeMajor: 'failure', imsx_description: `bad token ${req.headers.authorization}` });
      sendJson(res, 200, { orgs: [{ sourcedId: 'o1' }] });
    });
    const lines: string[] = [];
    const logger = createLogger({ level: 'trace', sink: { write: (line) => void lines.push(line) } });
    opened.client = makeClient(endpointsFor(opened.server.url), { logger, vendorAuthorization: 'vkey:canary-vendor-secret' });
    await opened.client.probe();
    const error = await opened.client.putResult('r1', { lineItem: { sourcedId: 'l' }, student: { sourcedId: 's' }, scoreStatus: 'submitted', scoreDate: '2025-09-01' })
      .then(() => new Error('expected a failure'), (e: unknown) => e as Error);
    logger.error({ err: error }, 'write failed');
    const text = `${lines.join('')}\n${error.message}`;
    expect(lines.length).toBeGreaterThan(3);
    expect(text).toContain('http retry');
    for (const issued of tokens.issued) expect(text).not.toContain(issued.token);
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toContain('canary-vendor-secret');
    expect(error.message).toContain('[REDACTED]');
  });
});

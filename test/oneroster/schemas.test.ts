/** The bodies the client PUTs validate against the OneRoster JSON Schemas in schemas/oneroster/. */
import { describe, expect, it } from 'vitest';
import type { OneRosterClient } from '../../src/oneroster/client.js';
import { closeAfterEach, sendJson, startServer } from '../http/server.js';
import { assertValid, validateLineItemEnvelope, validateResultEnvelope } from '../sandbox/schemas.js';
import { endpointsFor, makeClient, tokenIssuer } from './fixtures.js';
const opened = closeAfterEach<OneRosterClient>();

describe('request bodies', () => {
  it('validate as lineItem and result envelopes, extra credit and exempt included', async () => {
    const tokens = tokenIssuer();
    opened.server = await startServer((req, res, body) => {
      if (tokens.handle(req, res, body)) return;
      sendJson(res, 201, {});
    });
    opened.client = makeClient(endpointsFor(opened.server.url, '1.2'));
    await opened.client.putLineItem('li-1', {
      title: 'L'.repeat(400), description: 'Chapter 3', assignDate: '2025-09-01', dueDate: '2025-09-08', status: 'active',
      class: { sourcedId: 'c1', type: 'class' }, school: { sourcedId: 's1', type: 'org' }, category: { sourcedId: 'cat1', type: 'category' },
      resultValueMin: 0, resultValueMax: 10,
    });
    await opened.client.putResult('r-1', {
      lineItem: { sourcedId: 'li-1', type: 'lineItem' }, student: { sourcedId: 'u1', type: 'user' }, score: 11.5,
      scoreStatus: 'fully graded', scoreDate: '2025-09-10T12:00:00Z', status: 'active',
    });
    await opened.client.putResult('r-2', {
      lineItem: { sourcedId: 'li-1', type: 'lineItem' }, student: { sourcedId: 'u2', type: 'user' }, scoreStatus: 'exempt', scoreDate: '2025-09-10',
    });
    const puts = opened.server.requests.filter((r) => r.method === 'PUT').map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(puts).toHaveLength(3);
    assertValid(validateLineItemEnvelope, puts[0]);
    assertValid(validateResultEnvelope, puts[1]);
    assertValid(validateResultEnvelope, puts[2]);
  });
});

import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { createHmac } from 'node:crypto';
import type { OneRosterClient } from '../../src/oneroster/client.js';
import { oauth1Sign, percentEncode, signatureBaseString } from '../../src/oneroster/oauth1.js';
import { closeAfterEach, sendJson, startServer } from '../http/server.js';
import { CLIENT_ID, CLIENT_SECRET, endpointsFor, makeClient } from './fixtures.js';
const opened = closeAfterEach<OneRosterClient>();

describe('OAuth 1.0a signing (RFC 5849)', () => {
  it('builds the signature base string of RFC 5849 section 3.4.1.1', () => {
    const base = signatureBaseString('POST', 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b', [
      ['oauth_consumer_key', '9djdj82h48djs9d2'], ['oauth_token', 'kkk9d7dh3k39sjv7'], ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'], ['oauth_nonce', '7d8f3e4a'], ['c2', ''], ['a3', '2 q'],
    ]);
    expect(base).toBe('POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26'
      + 'oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7');
  });

  it('reproduces the HMAC-SHA1 signature of RFC 5849 section 1.2', () => {
    const signed = oauth1Sign({
      method: 'GET', url: 'http://photos.example.net/photos?file=vacation.jpg&size=original', consumerKey: 'dpf43f3p2l4k3l03',
      consumerSecret: 'kd94hf93k423kf44', token: 'nnch734d00sl2jdk', tokenSecret: 'pfkkdhi9sl3r4s00', algorithm: 'HMAC-SHA1',
      nonce: 'chapoH', timestamp: 137131202, includeVersion: false, realm: 'Photos',
    });
    expect(signed.signature).toBe('MdpQcU8iPSUjWoN/UDMsK2sui9I=');
    expect(signed.authorization).toContain('oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"');
    expect(signed.authorization.startsWith('OAuth realm="Photos", ')).toBe(true);
  });

  it('percent-encodes per RFC 3986', () => {
    expect(percentEncode("a b!*'()~._-é")).toBe('a%20b%21%2A%27%28%29~._-%C3%A9');
  });
});

/** Server-side check written from the RFC, independent of the client's signer. */
function verify(req: IncomingMessage, origin: string): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('OAuth ')) return false;
  const fields = new Map<string, string>();
  for (const match of header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)) fields.set(match[1]!, decodeURIComponent(match[2]!));
  const url = new URL(req.url ?? '/', origin);
  const params = [...url.searchParams.entries(), ...[...fields].filter(([name]) => name !== 'oauth_signature' && name !== 'realm')];
  const enc = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const normalized = params.map(([k, v]) => `${enc(k)}=${enc(v)}`).sort().join('&');
  const base = `${req.method}&${enc(`${origin}${url.pathname}`)}&${enc(normalized)}`;
  const algorithm = fields.get('oauth_signature_method') === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const expected = createHmac(algorithm, `${enc(CLIENT_SECRET)}&`).update(base).digest('base64');
  return fields.get('oauth_consumer_key') === CLIENT_ID && fields.get('oauth_signature') === expected;
}

describe('OAuth 1.0a against a verifying server', () => {
  for (const auth of ['oauth1-hmac-sha256', 'oauth1-hmac-sha1'] as const) {
    it(`signs reads and writes with ${auth}`, async () => {
      const methods: string[] = [];
      opened.server = await startServer((req, res) => {
        if (!verify(req, opened.server!.url)) return sendJson(res, 401, { imsx_codeMajor: 'failure', imsx_CodeMinor: 'unauthorisedrequest' });
        methods.push(`${req.method} ${/oauth_signature_method="([^"]+)"/.exec(req.headers.authorization ?? '')?.[1]}`);
        if (req.method === 'PUT') return sendJson(res, 201, {});
        sendJson(res, 200, { users: [{ sourcedId: 'u1' }] });
      });
      opened.client = makeClient(endpointsFor(opened.server.url, '1.1', auth));
      const seen: string[] = [];
      for await (const user of opened.client.teachers({ email: "o'neil+x@school.org" })) seen.push(user.sourcedId);
      expect(seen).toEqual(['u1']);
      await expect(opened.client.putResult('r-1', {
        lineItem: { sourcedId: 'li-1' }, student: { sourcedId: 'u1' }, score: 9, scoreStatus: 'fully graded', scoreDate: '2025-09-10',
      })).resolves.toBe('created');
      const method = auth === 'oauth1-hmac-sha1' ? 'HMAC-SHA1' : 'HMAC-SHA256';
      expect(methods).toEqual([`GET ${method}`, `PUT ${method}`]);
      expect(opened.client.stats().tokenRequests).toBe(0);
    });
  }

  it('fails with AUTH_FAILED when the server rejects the signature', async () => {
    opened.server = await startServer((_req, res) => sendJson(res, 401, { imsx_codeMajor: 'failure', imsx_CodeMinor: 'unauthorisedrequest' }));
    opened.client = makeClient(endpointsFor(opened.server.url, '1.1', 'oauth1-hmac-sha256'));
    await expect(opened.client.probe()).rejects.toMatchObject({ code: 'AUTH_FAILED', status: 401 });
    expect(opened.server.requests).toHaveLength(1);
  });
});

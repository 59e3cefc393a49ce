import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { sign, signatureBaseString } from '../../src/sandbox/auth/oauth1.js';
import { call, startTiny } from './helpers.js';

const enc = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An independent OAuth 1.0a signer (two-legged), written out longhand for the test. */
function oauthHeader(method: string, url: string, key: string, secret: string, algorithm: 'HMAC-SHA1' | 'HMAC-SHA256', tamper = false): string {
  const parsed = new URL(url);
  const oauth: Record<string, string> = {
    oauth_consumer_key: key, oauth_nonce: randomBytes(8).toString('hex'), oauth_signature_method: algorithm,
    oauth_timestamp: String(Math.floor(Date.now() / 1000)), oauth_version: '1.0',
  };
  const pairs = [...Object.entries(oauth), ...parsed.searchParams.entries()].map(([k, v]) => `${enc(k)}=${enc(v)}`).sort();
  const base = `${method}&${enc(`${parsed.protocol}//${parsed.host}${parsed.pathname}`)}&${enc(pairs.join('&'))}`;
  let signature = createHmac(algorithm === 'HMAC-SHA1' ? 'sha1' : 'sha256', `${enc(secret)}&`).update(base).digest('base64');
  if (tamper) signature = signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
  return `OAuth ${Object.entries({ ...oauth, oauth_signature: signature }).map(([k, v]) => `${k}="${enc(v)}"`).join(', ')}`;
}

describe('sandbox OAuth 1.0a on OneRoster 1.1', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startTiny();
  });
  afterAll(() => sandbox.close());

  it('computes the OAuth 1.0a reference example signature', () => {
    const params: [string, string][] = [
      ['file', 'vacation.jpg'], ['size', 'original'], ['oauth_consumer_key', 'dpf43f3p2l4k3l03'], ['oauth_token', 'nnch734d00sl2jdk'],
      ['oauth_nonce', 'kllo9940pd9333jh'], ['oauth_timestamp', '1191242096'], ['oauth_signature_method', 'HMAC-SHA1'], ['oauth_version', '1.0'],
    ];
    const base = signatureBaseString('GET', 'http://photos.example.net/photos', params);
    expect(sign('HMAC-SHA1', base, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00')).toBe('tR3+Ty81lMeYAr/Fid0kMTYa/WM=');
  });

  for (const algorithm of ['HMAC-SHA256', 'HMAC-SHA1'] as const) {
    it(`accepts a valid ${algorithm} signature and rejects a tampered one`, async () => {
      const url = `${sandbox.oneRoster11Url}/users?limit=5&filter=${encodeURIComponent("status='active'")}`;
      const ok = await call('GET', url, { headers: { authorization: oauthHeader('GET', url, sandbox.clientId, sandbox.clientSecret, algorithm) } });
      expect(ok.status).toBe(200);
      expect(ok.json.users).toHaveLength(5);
      const bad = await call('GET', url, { headers: { authorization: oauthHeader('GET', url, sandbox.clientId, sandbox.clientSecret, algorithm, true) } });
      expect(bad.status).toBe(401);
      expect(bad.json.imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('unauthorisedrequest');
      const wrongSecret = await call('GET', url, { headers: { authorization: oauthHeader('GET', url, sandbox.clientId, 'not-the-secret', algorithm) } });
      expect(wrongSecret.status).toBe(401);
    });
  }

  it('rejects a replayed nonce and OAuth 1.0a on the 1.2 roots', async () => {
    const url = `${sandbox.oneRoster11Url}/orgs`;
    const header = oauthHeader('GET', url, sandbox.clientId, sandbox.clientSecret, 'HMAC-SHA256');
    expect((await call('GET', url, { headers: { authorization: header } })).status).toBe(200);
    expect((await call('GET', url, { headers: { authorization: header } })).status).toBe(401);
    const v12 = `${sandbox.rostering12Url}/orgs`;
    expect((await call('GET', v12, { headers: { authorization: oauthHeader('GET', v12, sandbox.clientId, sandbox.clientSecret, 'HMAC-SHA256') } })).status).toBe(401);
  });
});

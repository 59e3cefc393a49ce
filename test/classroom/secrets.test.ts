import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassroomClient } from '../../src/classroom/index.js';
import { redact } from '../../src/secrets/redact.js';
import { generateTestServiceAccount } from '../../src/sandbox/classroom/index.js';
import { makeRoster, startEmulator, type Harness } from './helpers.js';

function everything(error: unknown): string {
  const e = error as { message?: string; details?: unknown; stack?: string; url?: string };
  return [e.message, JSON.stringify(e.details), e.stack, e.url, String(error)].join('\n');
}

function pemBody(pem: string): string[] {
  return pem.split('\n').filter((line) => line.length > 0 && !line.startsWith('-----'));
}

let h: Harness;
beforeAll(async () => {
  h = await startEmulator({ roster: makeRoster(1) });
});
afterAll(() => h.close());

describe('the service-account key never leaks', () => {
  it('a malformed key fails with a config error that holds no key material', () => {
    const canary = 'CANARY0PRIVATE0KEY0MATERIAL0CANARY0PRIVATE0KEY0MATERIAL';
    const key = { client_email: 'sa@p.iam.gserviceaccount.com', private_key: `-----BEGIN PRIVATE KEY-----\n${canary}\n-----END PRIVATE KEY-----\n` };
    let caught: unknown;
    try {
      createClassroomClient({ serviceAccountKey: key, subject: 'admin@x.edu', userAgent: 't' });
    } catch (error) {
      caught = error;
    }
    expect((caught as { code: string }).code).toBe('CONFIG_INVALID');
    expect(everything(caught)).not.toContain(canary);
    expect(redact(`oops ${canary}`)).not.toContain(canary);
  });

  it('a refused assertion leaves neither the key nor the assertion in the error', async () => {
    const other = generateTestServiceAccount({ clientEmail: h.account.key.client_email });
    const error = await h.client({ serviceAccountKey: other.key }).getCourse('d:class-1').catch((e: unknown) => e);
    const text = everything(error);
    for (const line of pemBody(other.key.private_key)) expect(text).not.toContain(line);
    expect(text).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/); // no JWT
  });

  it('a token endpoint that echoes the assertion and key back is scrubbed', async () => {
    const account = generateTestServiceAccount();
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const assertion = new URLSearchParams(body).get('assertion') ?? '';
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'invalid_grant', error_description: `bad ${assertion} ${account.key.private_key}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = createClassroomClient({ apiUrl: url, tokenUrl: `${url}/token`, serviceAccountKey: account.key, subject: 'admin@x.edu', userAgent: 't', rateLimit: false });
    try {
      const error = await client.getCourse('d:x').catch((e: unknown) => e);
      const text = everything(error);
      expect(text).toContain('invalid_grant');
      for (const line of pemBody(account.key.private_key)) expect(text).not.toContain(line);
      expect(text).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
    } finally {
      await client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('access tokens are registered for scrubbing and never logged by the emulator', async () => {
    const client = h.client();
    await client.getCourse('d:class-1');
    const log = JSON.stringify(h.emulator.admin.requests());
    expect(log).not.toContain('ya29.');
    expect(log).not.toContain('assertion=');
  });
});

/** Starts the Classroom emulator on a real node:http server (127.0.0.1, port 0) and builds clients for it. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALL_SCOPES, createClassroomClient, JWT_BEARER_GRANT, type ClassroomClient, type ClassroomClientOptions } from '../../src/classroom/index.js';
import { assertionClaims, loadPrivateKey, signAssertion } from '../../src/classroom/jwt.js';
import {
  createClassroomEmulator, generateTestServiceAccount, type ClassroomEmulator, type ClassroomEmulatorOptions,
  type ClassroomRosterInput, type TestServiceAccount,
} from '../../src/sandbox/classroom/index.js';

export const ADMIN = 'admin@district.example.edu';

let shared: TestServiceAccount | undefined;
/** One key pair per test file (RSA generation is slow-ish). */
export function testAccount(): TestServiceAccount {
  shared ??= generateTestServiceAccount();
  return shared;
}

export interface Harness {
  url: string;
  apiUrl: string;
  tokenUrl: string;
  emulator: ClassroomEmulator;
  account: TestServiceAccount;
  client(options?: Partial<ClassroomClientOptions>): ClassroomClient;
  close(): Promise<void>;
}

export async function startEmulator(options: ClassroomEmulatorOptions = {}): Promise<Harness> {
  const account = testAccount();
  const emulator = createClassroomEmulator({
    serviceAccount: { client_email: account.key.client_email, publicKey: account.publicKeyPem },
    adminEmails: [ADMIN],
    ...options,
  });
  const server: Server = createServer((req, res) => {
    void emulator.handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const clients: ClassroomClient[] = [];
  return {
    url,
    apiUrl: `${url}${emulator.pathPrefix}`,
    tokenUrl: `${url}${emulator.tokenPath}`,
    emulator,
    account,
    client(overrides = {}) {
      const client = createClassroomClient({
        apiUrl: `${url}${emulator.pathPrefix}`, tokenUrl: `${url}${emulator.tokenPath}`, serviceAccountKey: account.key,
        subject: ADMIN, userAgent: 'sislink-test', rateLimit: false, http: { retry: { baseDelayMs: 1, maxDelayMs: 5 } }, ...overrides,
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** A small district: `classes` classes, 2 teachers each (primary first), `perClass` students each. */
export function makeRoster(classes: number, perClass = 5): ClassroomRosterInput {
  const periods = [
    { sourcedId: 'gp1', title: 'Quarter 1', startDate: '2025-08-15', endDate: '2025-10-17' },
    { sourcedId: 'gp2', title: 'Quarter 2', startDate: '2025-10-20', endDate: '2025-12-19' },
  ];
  return {
    classes: Array.from({ length: classes }, (_, i) => ({
      sourcedId: `class-${i + 1}`,
      title: `Biology ${i + 1}`,
      classCode: `BIO-${i + 1}`,
      location: `Room ${100 + i}`,
      teacherEmails: [`teacher${i + 1}@district.example.edu`, `coteacher${i % 3}@district.example.edu`],
      studentEmails: Array.from({ length: perClass }, (_, s) => `student${(i * 3 + s) % (classes * 3 + perClass)}@district.example.edu`),
      categories: [{ title: 'Assignments', weight: 40 }, { title: 'Tests', weight: 40 }, 'Homework'],
      gradingPeriods: periods,
    })),
  };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A bearer token straight from the emulator's token endpoint (for raw HTTP tests). */
export async function rawToken(h: Harness, scopes: readonly string[] = ALL_SCOPES, subject = ADMIN): Promise<string> {
  const claims = assertionClaims({ issuer: h.account.key.client_email, subject, scopes, audience: h.tokenUrl, nowMs: Date.now() });
  const assertion = signAssertion(loadPrivateKey(h.account.key), claims);
  const response = await fetch(h.tokenUrl, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

export async function rawGet(h: Harness, path: string, token: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await fetch(`${h.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

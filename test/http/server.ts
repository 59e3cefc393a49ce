/** A real node:http server on 127.0.0.1:0 for tests, recording every request it receives. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { clearRegisteredSecrets } from '../../src/secrets/redact.js';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string, index: number) => void | Promise<void>;

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const index = requests.length;
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, at: Date.now() });
      Promise.resolve(handler(req, res, body, index)).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** What a test opened: set by the test, closed and forgotten after it. */
export interface Opened<C extends { close(): Promise<void> }> {
  server?: TestServer;
  client?: C;
}

/**
 * Registers an afterEach that closes the client, then the server, of the returned holder, and,
 * with `clearSecrets`, forgets the secrets registered during the test.
 */
export function closeAfterEach<C extends { close(): Promise<void> }>(options: { clearSecrets?: boolean } = {}): Opened<C> {
  const opened: Opened<C> = {};
  afterEach(async () => {
    await opened.client?.close();
    await opened.server?.close();
    opened.client = undefined;
    opened.server = undefined;
    if (options.clearSecrets) clearRegisteredSecrets();
  });
  return opened;
}

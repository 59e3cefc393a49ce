// The server a gradebook benchmark writes to: the built sandbox in a child process (its own event
// loop, like a real SIS), or, before the sandbox is built, a minimal PUT /results endpoint.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sandboxEntry = join(here, '..', '..', 'dist', 'src', 'sandbox', 'index.js');

export async function startTarget() {
  return existsSync(sandboxEntry) ? startSandboxChild() : startStub();
}

async function startSandboxChild() {
  const child = spawn(process.execPath, [join(here, 'sandbox-child.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const line = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the sandbox exited with code ${code} before it was ready`)));
  });
  const handle = JSON.parse(line);
  return {
    kind: 'sandbox', ...handle,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function startStub() {
  const results = new Map();
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST' && req.url.startsWith('/oauth/token')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'stub-token', token_type: 'bearer', expires_in: 3600 }));
        return;
      }
      const match = /^\/ims\/oneroster\/gradebook\/v1p2\/results\/([^/?]+)/.exec(req.url);
      if (req.method !== 'PUT' || match === null) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"imsx_codeMajor":"failure"}');
        return;
      }
      const { result } = JSON.parse(body);
      const existed = results.has(match[1]);
      results.set(match[1], result);
      res.writeHead(existed ? 200 : 201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ result }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    kind: 'stub', url, clientId: 'bench-client', clientSecret: 'bench-secret', tokenUrl: `${url}/oauth/token`,
    rostering12Url: `${url}/ims/oneroster/rostering/v1p2`, gradebook12Url: `${url}/ims/oneroster/gradebook/v1p2`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

// A throwaway PostgreSQL server for benchmarks: the JavaScript twin of test/helpers/postgres.ts
// (system binaries under /usr/lib/postgresql/<version>/bin, run as the `postgres` user when root,
// 127.0.0.1 on a free port, SCRAM password, fsync off). stop() removes its data directory.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';
const SUPERUSER = 'sislink_bench';

function findBin() {
  const versions = existsSync(PG_ROOT) ? readdirSync(PG_ROOT).filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error(`PostgreSQL server binaries not found (${PG_ROOT}/*/bin/initdb); install the Debian package "postgresql"`);
  return join(PG_ROOT, versions[0], 'bin');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function serverUser() {
  if (process.getuid?.() !== 0) return { exec: async (file, args, cwd) => void (await run(file, args, { cwd })), own: async () => undefined };
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { exec: async (file, args, cwd) => void (await run('runuser', ['-u', 'postgres', '--', file, ...args], { cwd })), own: (path) => chown(path, uid, gid) };
}

async function waitForConnections(url) {
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      return;
    } catch (error) {
      if (attempt >= 100) throw error;
      await sleep(100);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** Starts the server; resolves to { url, stop }. */
export async function startPostgres() {
  const bin = findBin();
  const user = await serverUser();
  const dir = await mkdtemp(join(tmpdir(), 'sislink-bench-pg-'));
  await user.own(dir);
  const data = join(dir, 'data');
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(dir, 'pwfile');
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  await user.own(pwfile);
  const port = await freePort();
  const stop = async () => {
    await user.exec(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], dir).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await user.exec(join(bin, 'initdb'), ['-D', data, '-U', SUPERUSER, `--pwfile=${pwfile}`, '--auth-host=scram-sha-256', '--auth-local=reject', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'], dir);
    await appendFile(join(data, 'postgresql.conf'), [
      "listen_addresses = '127.0.0.1'", `port = ${port}`, "unix_socket_directories = ''", 'fsync = off', 'synchronous_commit = off',
      'full_page_writes = off', 'max_connections = 400', '',
    ].join('\n'));
    await user.exec(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start'], dir);
    const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    await waitForConnections(url);
    return { url, stop };
  } catch (error) {
    const log = await readFile(join(dir, 'server.log'), 'utf8').catch(() => '');
    await stop();
    throw new Error(`bench PostgreSQL did not start: ${error.stderr || error.message}${log ? `\n${log}` : ''}`);
  }
}

/** A new empty database on the server; returns its URL. */
export async function createDatabase(serverUrl, name) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One query on a short-lived connection. */
export async function query(url, text, values = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A throwaway PostgreSQL server for tests and benchmarks (`npm run bench` compiles this file),
 * started from the system's binaries
 * (/usr/lib/postgresql/<version>/bin). As root, the server runs as the `postgres` system user,
 * since PostgreSQL refuses to run as root. It listens on 127.0.0.1 only, on a free port, with
 * password (SCRAM) authentication, no unix sockets and fsync off; stop() removes its data dir.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';
const SUPERUSER = 'sislink_test';
const SERVER_USER = 'postgres';

export interface TestPostgres {
  /** Superuser URL (with password) of the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

/** The newest installed server's bin directory, or a clear error naming the package. */
export function findPostgresBin(): string {
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT).filter((name) => existsSync(join(PG_ROOT, name, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined) {
    throw new Error(
      `PostgreSQL server binaries not found (${PG_ROOT}/*/bin/initdb); install the Debian package "postgresql" ` +
        '(apt-get install postgresql; .ci/run does this when they are missing)',
    );
  }
  return join(PG_ROOT, newest, 'bin');
}

/** A port that was free a moment ago: bind port 0 on 127.0.0.1, read it, close. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface ServerUser {
  /** Runs a binary as the server user. */
  exec(file: string, args: string[], cwd: string): Promise<void>;
  /** Gives the server user a path we created. */
  own(path: string): Promise<void>;
}

async function serverUser(): Promise<ServerUser> {
  if (process.getuid?.() !== 0) {
    return { exec: async (file, args, cwd) => void (await run(file, args, { cwd })), own: async () => undefined };
  }
  let uid: number;
  let gid: number;
  try {
    const { stdout } = await run('id', ['-u', SERVER_USER]);
    uid = Number(stdout.trim());
    gid = Number((await run('id', ['-g', SERVER_USER])).stdout.trim());
  } catch {
    throw new Error(`running as root, but there is no "${SERVER_USER}" system user to run PostgreSQL as; install the Debian package "postgresql"`);
  }
  return {
    exec: async (file, args, cwd) => void (await run('runuser', ['-u', SERVER_USER, '--', file, ...args], { cwd })),
    own: (path) => chown(path, uid, gid),
  };
}

function describeFailure(step: string, error: unknown, log = ''): Error {
  const output = error as { stderr?: string; stdout?: string; message?: string };
  const reason = output.stderr || output.stdout || output.message || String(error);
  return new Error(`test PostgreSQL: ${step} failed: ${reason}${log ? `\nserver log:\n${log}` : ''}`);
}

async function waitForConnections(url: string): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      lastError = error;
      await sleep(100);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw describeFailure('waiting for connections', lastError);
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBin();
  const user = await serverUser();
  const dir = await mkdtemp(join(tmpdir(), 'sislink-pg-'));
  await user.own(dir);
  const data = join(dir, 'data');
  const password = randomBytes(18).toString('base64url');
  const pwfile = join(dir, 'pwfile');
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  await user.own(pwfile);
  const port = await freePort();
  try {
    await user.exec(join(bin, 'initdb'), [
      '-D', data, '-U', SUPERUSER, `--pwfile=${pwfile}`, '--auth-host=scram-sha-256', '--auth-local=reject',
      '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync',
    ], dir);
    await appendFile(join(data, 'postgresql.conf'), [
      "listen_addresses = '127.0.0.1'", `port = ${port}`, "unix_socket_directories = ''",
      'fsync = off', 'synchronous_commit = off', 'full_page_writes = off', 'max_connections = 400',
      '',
    ].join('\n'));
    await user.exec(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start'], dir);
  } catch (error) {
    const log = await readFile(join(dir, 'server.log'), 'utf8').catch(() => '');
    await rm(dir, { recursive: true, force: true });
    throw describeFailure(`starting the server as ${process.getuid?.() === 0 ? SERVER_USER : userInfo().username}`, error, log);
  }
  const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    await user.exec(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], dir).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
  try {
    await waitForConnections(url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

let counter = 0;

/**
 * Creates an empty database on the server at `serverUrl` and returns its URL. The default
 * collation is ICU English when available, so code relying on byte order must say so.
 */
export async function createDatabase(serverUrl: string, prefix = 'test'): Promise<string> {
  counter += 1;
  const name = `${prefix}_${process.pid}_${counter}_${randomBytes(3).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    try {
      await client.query(`CREATE DATABASE "${name}" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`);
    } catch {
      await client.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
    }
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs SQL on a short-lived connection to `url`. */
export async function sql<R = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as R[];
  } finally {
    await client.end();
  }
}

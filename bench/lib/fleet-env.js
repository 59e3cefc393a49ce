// What the fleet benchmark needs: a latency-injecting sandbox in its own process, a repository of
// generated district files pointed at it, and worker processes of the built CLI.
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { districtYaml } from '../../dist/test/helpers/district-repo.js';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', '..', 'bin', 'sislink.js');
const ENTRY = join(here, 'fleet-cli.js');

/** Starts bench/lib/sandbox-child.js (tiny data) with a fault spec such as 'latency=50ms'. */
export async function startLatencySandbox(faults, now) {
  const env = { ...process.env, BENCH_SIZE: 'tiny', BENCH_SANDBOX_OPTIONS: JSON.stringify({ faults, now: now.toISOString(), classroom: false }) };
  const child = spawn(process.execPath, [join(here, 'sandbox-child.js')], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the sandbox exited with code ${code} before it was ready`)));
  });
  return { ...JSON.parse(line), close: async () => { child.kill('SIGTERM'); await exited; } };
}

export const districtName = (index) => `d${String(index).padStart(4, '0')}`;


/** A repository (temp dir) with `count` district files; cleanup() removes it. */
export async function makeFleetRepo(sandbox, count) {
  const dir = await mkdtemp(join(tmpdir(), 'sislink-bench-fleet-'));
  await mkdir(join(dir, 'districts'));
  await mkdir(join(dir, 'secrets'), { mode: 0o700 });
  await writeFile(join(dir, 'secrets', 'sis-secret'), sandbox.clientSecret, { mode: 0o600 });
  for (let index = 1; index <= count; index++) {
    const name = districtName(index);
    await writeFile(join(dir, 'districts', `${name}.yaml`), districtYaml({ name, baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, key: sandbox.clientId }));
  }
  // A git checkout, as a GitOps fleet runs from: audit events carry commit and blob hash.
  const env = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.org' };
  for (const args of [['init', '-q'], ['add', 'districts'], ['commit', '-q', '-m', 'districts']]) {
    const result = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args[0]} failed: ${result.stderr}`);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** bin/sislink.js once it lists `worker`, else an entry over the same built command. */
function cliEntry() {
  const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
  return /\n\s+worker\b/.test(help.stdout) ? BIN : ENTRY;
}

/** Starts a worker process; stop() sends SIGTERM and waits for its exit. */
export function startWorkerProcess(args, cwd) {
  // BENCH_WORKER_PROFILE_DIR: each worker writes a CPU profile there when it exits.
  const profile = process.env.BENCH_WORKER_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_WORKER_PROFILE_DIR] : [];
  const child = spawn(process.execPath, [...profile, cliEntry(), ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    pid: child.pid,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

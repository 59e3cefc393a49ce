// What the export benchmarks share: a sized sandbox (SIS + Classroom emulator) in a child process,
// a district repository pointed at it with an applied link, and the sandbox's admin API.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { runApply } from '../../dist/src/commands/apply.js';
import { gradeExportDistrictYaml } from '../../dist/test/helpers/district-repo.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The clock of every export benchmark: inside the seeded school year, with a valid access record. */
export const NOW = new Date('2026-09-01T12:00:00Z');
export const DISTRICT = 'benchdist';
export const STATE = 'sqlite:.sislink/state.db';

/** BENCH_SCALE (default 1) multiplies the class and student counts of a sandbox size. */
export function scale() {
  const value = Number(process.env.BENCH_SCALE ?? 1);
  if (!(value > 0)) throw new Error(`BENCH_SCALE must be a positive number, got ${process.env.BENCH_SCALE}`);
  return value;
}

/** Memory figures of a live process from /proc (Linux), in MB; undefined once it is gone. */
export function procMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** Writes among SIS traffic entries: PUT, POST and DELETE outside the admin and token endpoints. */
export function sisWrites(entries) {
  return entries.filter((entry) => ['PUT', 'POST', 'DELETE'].includes(entry.method) && !entry.path.startsWith('/admin') && !/\/oauth2?\/token$/.test(entry.path));
}

/** User + system CPU time of a live process from /proc/<pid>/stat, in ms (clock ticks of 10 ms). */
export function procCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

export function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}

/**
 * Starts the sandbox child with the given counts ({ schools, classes, students, courseWorkPerCourse })
 * and resolves once it prints its ready line.
 */
export async function startExportSandbox(counts) {
  const dir = await mkdtemp(join(tmpdir(), 'sislink-bench-'));
  const keyFile = join(dir, 'sa.json');
  const env = { ...process.env, BENCH_SANDBOX_OPTIONS: JSON.stringify({ ...counts, now: NOW.toISOString() }), BENCH_SANDBOX_KEY_FILE: keyFile };
  const child = spawn(process.execPath, ['--max-old-space-size=8192', join(here, 'sandbox-child.js')], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the sandbox exited with code ${code} before it was ready`)));
  });
  const handle = JSON.parse(line);
  const admin = async (method, path) => {
    const response = await request(`${handle.adminUrl}${path}`, { method, headers: { authorization: `Bearer ${handle.adminToken}` } });
    const text = await response.body.text();
    if (response.statusCode >= 300) throw new Error(`sandbox admin ${method} ${path}: HTTP ${response.statusCode}`);
    return text === '' ? undefined : JSON.parse(text);
  };
  return {
    ...handle,
    keyFile,
    /** Back to the seeded state: no lineItems or results in the SIS, fresh Classroom data. */
    reset: () => admin('POST', '/reset'),
    stats: () => admin('GET', '/stats'),
    clearRequests: () => admin('DELETE', '/requests'),
    /** SIS requests served since the last clear (OneRoster side; the log keeps the last 100,000-200,000). */
    requests: async () => (await admin('GET', '/requests')).requests,
    memory: () => procMemory(handle.pid),
    cpuMs: () => procCpuMs(handle.pid),
    close: async () => {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}


/** A district repository (temp dir) for the sandbox, with the link applied in a fresh state store. */
export async function makeExportRepo(sandbox) {
  const dir = await mkdtemp(join(tmpdir(), 'sislink-bench-repo-'));
  await mkdir(join(dir, '.git'));
  await mkdir(join(dir, 'districts'));
  await mkdir(join(dir, 'secrets'), { mode: 0o700 });
  await writeFile(join(dir, 'secrets', 'sis-secret'), sandbox.clientSecret, { mode: 0o600 });
  await writeFile(join(dir, 'secrets', 'sa.json'), await readFile(sandbox.keyFile), { mode: 0o600 });
  await writeFile(join(dir, 'districts', `${DISTRICT}.yaml`), gradeExportDistrictYaml(DISTRICT, sandbox));
  const repo = {
    dir,
    /** Wipes the state store and applies the link again: the next export starts from nothing. */
    async freshState() {
      await rm(join(dir, '.sislink'), { recursive: true, force: true });
      let out = '';
      const code = await runApply({ targets: ['districts'], autoApprove: true, state: STATE, now: NOW, cwd: dir, write: (text) => (out += text) });
      if (code !== 0) throw new Error(`apply failed (exit ${code}):\n${out}`);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  await repo.freshState();
  return repo;
}

/** Median of numbers (the paired per-round ratios are steadier than best-of on a shared machine). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Fleet tests: worker processes on the built CLI, generated district repositories, fleet tables. */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, type CliResult } from '../helpers/cli.js';
import { districtYaml, makeDistrictRepo, type DistrictRepo } from '../helpers/district-repo.js';
import { sql } from '../helpers/postgres-url.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';

const ENTRY = fileURLToPath(new URL('./cli-entry.mjs', import.meta.url));

let entry: string | undefined;

/** bin/sislink.js once it lists the fleet commands, else a small entry over the same built commands. */
function cliEntry(): string {
  if (entry !== undefined) return entry;
  const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
  entry = /\n\s+worker\b/.test(help.stdout) && /\n\s+fleet\b/.test(help.stdout) ? BIN : ENTRY;
  return entry;
}

export interface FleetProcess {
  child: ReturnType<typeof spawn>;
  result: Promise<CliResult>;
}

export function spawnFleetCli(args: string[], cwd: string): FleetProcess {
  let child!: ReturnType<typeof spawn>;
  const result = new Promise<CliResult>((resolve, reject) => {
    child = spawn(process.execPath, [cliEntry(), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, result };
}

export async function runFleetCli(args: string[], cwd: string): Promise<CliResult> {
  return spawnFleetCli(args, cwd).result;
}

/** Polls until `check` returns true; the test's own timeout bounds the wait. */
export async function waitUntil(check: () => Promise<boolean> | boolean, everyMs = 100): Promise<void> {
  while (!(await check())) await sleep(everyMs);
}

export const SECRET = 'canary-fleet-5b71e0c4';

export interface FleetRepoOptions {
  count: number;
  /** Adds a Classroom service account, grade export and an export job on this schedule. */
  exportSchedule?: string;
}

export const districtName = (index: number) => `d${String(index).padStart(3, '0')}`;

export async function makeFleetRepo(sandbox: SandboxHandle, options: FleetRepoOptions): Promise<DistrictRepo> {
  const repo = await makeDistrictRepo(SECRET, options.exportSchedule ? sandbox.classroomServiceAccountKey : undefined);
  const exports = options.exportSchedule
    ? { classroom: { apiUrl: sandbox.classroomUrl, tokenUrl: sandbox.classroomTokenUrl }, gradeExport: true,
      extraSpec: `  exports:\n    - name: grades\n      defaultCategory: Assignments\n      schedule: "${options.exportSchedule}"\n` }
    : {};
  for (let index = 1; index <= options.count; index++) {
    const name = districtName(index);
    await repo.write(name, districtYaml({ name, baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, key: sandbox.clientId, ...exports }));
  }
  return repo;
}

export interface TickCount {
  district: string;
  kind: string;
  tick: string;
  state: string;
  succeeded: number;
  attempts: number;
}

/** Per tick: its state, its succeeded attempts and all its attempts. */
export async function tickCounts(url: string): Promise<TickCount[]> {
  return sql<TickCount>(url, `
    SELECT t.district, t.kind, to_char(t.tick AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS tick, t.state,
      count(r.id) FILTER (WHERE r.outcome = 'succeeded')::int AS succeeded, count(r.id)::int AS attempts
    FROM sislink_fleet.ticks t LEFT JOIN sislink_fleet.runs r ON r.job_id = t.job_id
    GROUP BY t.district, t.kind, t.tick, t.state ORDER BY t.district, t.tick`);
}

export async function finishedTicks(url: string, tick: string): Promise<number> {
  const [row] = await sql<{ n: number }>(url, `SELECT count(*)::int AS n FROM sislink_fleet.ticks WHERE state IN ('succeeded', 'failed') AND tick = $1`, [tick]);
  return row?.n ?? 0;
}

export async function fleetTablesExist(url: string): Promise<boolean> {
  const [row] = await sql<{ name: string | null }>(url, `SELECT to_regclass('sislink_fleet.ticks')::text AS name`);
  return row?.name !== null && row?.name !== undefined;
}

import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { runApply } from '../../src/commands/apply.js';
import { runExport } from '../../src/commands/export.js';
import { runReconcile } from '../../src/commands/reconcile.js';
import { spawnCli } from '../helpers/cli.js';
import { gradeExportDistrictYaml, makeDistrictRepo, type DistrictRepo } from '../helpers/district-repo.js';

const SECRET = 'canary-export-faults-8e2d';
const NOW = new Date('2026-09-01T12:00:00Z');
const STATE = 'sqlite:.sislink/state.db';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(options: { faults?: string; schedule?: string } = {}): Promise<{ sandbox: SandboxHandle; repo: DistrictRepo }> {
  const sandbox = await startSandbox({ port: 0, size: 'tiny', clientSecret: SECRET, now: NOW, faults: options.faults });
  const repo = await makeDistrictRepo(SECRET, sandbox.classroomServiceAccountKey);
  cleanups.push(async () => {
    await sandbox.close();
    await repo.cleanup();
  });
  await repo.write('maple', gradeExportDistrictYaml('maple', sandbox, { jobLines: options.schedule ? [`schedule: "${options.schedule}"`] : [] }));
  return { sandbox, repo };
}

async function applyAndExport(repo: DistrictRepo): Promise<number> {
  const common = { state: STATE, now: NOW, cwd: repo.dir, write: () => undefined };
  expect(await runApply({ ...common, targets: ['districts'], autoApprove: true })).toBe(0);
  return runExport({ ...common, paths: ['districts'], mode: 'run', format: 'json', connections: { classroomRateLimit: false } });
}

function sisState(sandbox: SandboxHandle): unknown {
  const results = [...sandbox.data.results.values()].map((result) => [result.sourcedId, result.lineItemId, result.studentId, result.score, result.scoreStatus]);
  const lineItems = [...sandbox.data.lineItems.values()].map((item) => [item.sourcedId, item.title, item.categoryId, item.classId, item.resultValueMax]);
  return { results: results.sort(), lineItems: lineItems.sort() };
}

describe('grade export resilience', () => {
  it('reaches the same SIS state through 429s, 5xx and dropped connections as a clean run', async () => {
    const clean = await setup();
    expect(await applyAndExport(clean.repo)).toBe(0);
    const faulty = await setup({ faults: '429=0.06,503=0.04,500=0.02,drop=0.03,retryAfter=0' });
    // With 15 % of requests failing, an item can still exhaust its bounded retries (about once in
    // thirty runs); it is recorded as failed and retried by the next run, as a schedule would.
    let code = await applyAndExport(faulty.repo);
    for (let rerun = 0; code !== 0 && rerun < 2; rerun += 1) {
      code = await runExport({ state: STATE, now: NOW, cwd: faulty.repo.dir, write: () => undefined, paths: ['districts'], mode: 'run', format: 'json', connections: { classroomRateLimit: false } });
    }
    expect(code).toBe(0);
    expect(faulty.sandbox.requests().some((request) => request.status === 429 || request.status === 503)).toBe(true);
    expect(sisState(faulty.sandbox)).toEqual(sisState(clean.sandbox));
  });

  it('continues where a killed run stopped, without duplicates', async () => {
    const reference = await setup();
    expect(await applyAndExport(reference.repo)).toBe(0);
    const { sandbox, repo } = await setup();
    const common = { state: STATE, now: NOW, cwd: repo.dir, write: () => undefined };
    expect(await runApply({ ...common, targets: ['districts'], autoApprove: true })).toBe(0);
    const { child, result } = spawnCli(['--now', NOW.toISOString(), 'export', 'run', 'districts'], { cwd: repo.dir });
    // Kill the export once some results exist in the SIS, then run it again.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (sandbox.data.results.size > 20 || child.exitCode !== null) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
    const killed = child.exitCode === null;
    child.kill('SIGKILL');
    await result;
    const partial = sandbox.data.results.size;
    expect(await runExport({ ...common, paths: ['districts'], mode: 'run', format: 'json', connections: { classroomRateLimit: false } })).toBe(0);
    expect(sisState(sandbox)).toEqual(sisState(reference.sandbox));
    expect(killed || partial === sandbox.data.results.size).toBe(true);
  });

  it('runs a scheduled export from reconcile once per cron tick', async () => {
    const { sandbox, repo } = await setup({ schedule: '0 2 * * *' });
    const reconcile = () => runReconcile({ paths: ['districts'], state: STATE, now: NOW, cwd: repo.dir, format: 'json', write: () => undefined, connections: { classroomRateLimit: false } });
    expect(await reconcile()).toBe(0);
    const exported = sandbox.data.results.size;
    expect(exported).toBeGreaterThan(0);
    sandbox.clearRequests();
    expect(await reconcile()).toBe(0);
    expect(sandbox.requests().filter((request) => request.method === 'PUT')).toHaveLength(0);
  });
});


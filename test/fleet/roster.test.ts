/** Fleet workers run a district's scheduled roster import, after its reconcile and never beside it. */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { runFleetStatus } from '../../src/fleet/commands.js';
import { startWorker } from '../../src/fleet/worker.js';
import { districtYaml, makeDistrictRepo } from '../helpers/district-repo.js';
import { freshPostgresDatabase, sql } from '../helpers/postgres-url.js';
import { classroomCourse, expectedRoster } from '../roster/helpers.js';
import { SECRET, tickCounts, waitUntil } from './helpers.js';

const NOW = new Date('2026-09-01T12:00:00Z');
const FAST = { retryLimit: 1, retryDelaySeconds: 1, pollIntervalMs: 100, scheduleIntervalMs: 300, maintenanceIntervalSeconds: 1 };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('fleet roster imports', () => {
  it('imports the roster on its schedule, records the run and shows it in fleet status', async () => {
    const sandbox = await startSandbox({ port: 0, size: 'tiny', clientSecret: SECRET, now: NOW, classroom: { emptyClassroom: true } });
    const repo = await makeDistrictRepo(SECRET, sandbox.classroomServiceAccountKey);
    cleanups.push(async () => {
      await sandbox.close();
      await repo.cleanup();
    });
    // 05:00 in Chicago is 10:00 UTC: the tick of the day is already due at NOW.
    await repo.write('maple', districtYaml({
      name: 'maple', baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, key: sandbox.clientId,
      classroom: { apiUrl: sandbox.classroomUrl!, tokenUrl: sandbox.classroomTokenUrl! }, rosterImport: true,
      extraSpec: '  rosterImport:\n    name: roster\n    schedule: "0 5 * * *"\n',
    }));
    const url = await freshPostgresDatabase('fleet');
    const worker = await startWorker({
      state: url, paths: ['districts'], cwd: repo.dir, id: 'w1', concurrency: 2, clock: () => NOW,
      settings: FAST, connections: { classroomRateLimit: false }, auditLog: `${repo.dir}/.sislink/audit-w1.log`,
    });
    cleanups.push(() => worker.stop(0));

    await waitUntil(async () => {
      const ticks = await tickCounts(url);
      return ticks.length === 2 && ticks.every((tick) => tick.state === 'succeeded');
    });
    expect((await tickCounts(url)).map((tick) => [tick.kind, tick.tick, tick.attempts])).toEqual([
      ['roster', '2026-09-01T10:00', 1],
      ['reconcile', '2026-09-01T12:00', 1],
    ]);
    // Every class of the term has its course, with its members.
    const expected = expectedRoster(sandbox);
    expect(expected.size).toBeGreaterThan(0);
    for (const [classId, want] of expected) {
      if (want.primary === undefined) continue;
      expect(classroomCourse(sandbox, `d:${classId}`)).toMatchObject({ owner: want.primary, students: want.students });
    }
    // The reconcile went first (the import uses the link as applied), and they never overlapped.
    const runs = await sql<{ kind: string; job: string; outcome: string; started_at: Date; finished_at: Date }>(url,
      'SELECT kind, job, outcome, started_at, finished_at FROM sislink_fleet.runs ORDER BY started_at');
    expect(runs.map((run) => [run.kind, run.job, run.outcome])).toEqual([['reconcile', '', 'succeeded'], ['roster', 'roster', 'succeeded']]);
    expect(runs[0]!.finished_at.getTime()).toBeLessThanOrEqual(runs[1]!.started_at.getTime());

    let text = '';
    expect(await runFleetStatus({ state: url, paths: ['districts'], cwd: repo.dir, now: NOW, format: 'text', write: (chunk) => (text += chunk) })).toBe(0);
    expect(text).toMatch(/maple\s+roster:roster succeeded/);
  });
});

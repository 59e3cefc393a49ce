import { describe, expect, it } from 'vitest';
import type { LoadedDistrict } from '../../src/config/types.js';
import { districtSchedules, dueTicks, nextScheduled, type ScheduleEntry } from '../../src/fleet/ticks.js';
import { lastTick } from '../../src/jobs/schedule.js';
import { buildFleetStatus } from '../../src/fleet/status.js';
import { renderFleetStatus } from '../../src/fleet/render.js';
import type { FleetRows, RunRow } from '../../src/fleet/status-queries.js';

/** Only the fields the fleet's schedules read. */
function district(name: string, options: { gradeExport?: boolean; rosterImport?: boolean; enabled?: boolean; target?: string; exportSchedule?: string; rosterSchedule?: string } = {}): LoadedDistrict {
  const exports = options.exportSchedule === undefined ? [] : [{ name: 'grades', schedule: options.exportSchedule }, { name: 'manual-only' }];
  return {
    config: {
      metadata: { name, timezone: 'America/Chicago' },
      spec: {
        link: { enabled: options.enabled ?? true, target: options.target ?? 'connector' },
        dataExchange: { gradeExport: options.gradeExport ?? true, rosterImport: options.rosterImport ?? true },
        exports,
        ...(options.rosterSchedule === undefined ? {} : { rosterImport: { name: 'roster', schedule: options.rosterSchedule } }),
      },
    },
    source: { file: `/repo/districts/${name}.yaml`, documentIndex: 0 },
  } as unknown as LoadedDistrict;
}

const EVERY_15 = '*/15 * * * *';
const now = new Date('2026-09-01T12:20:00Z');

describe('fleet schedules', () => {
  it('schedules a reconcile for every district and each scheduled export where exports run', () => {
    expect(districtSchedules(district('maple', { exportSchedule: '0 2 * * *' }), EVERY_15).map((e) => [e.kind, e.job, e.schedule])).toEqual([
      ['reconcile', '', EVERY_15],
      ['export', 'grades', '0 2 * * *'],
    ]);
    for (const off of [{ gradeExport: false }, { enabled: false }, { target: 'classroom-admin' }]) {
      expect(districtSchedules(district('maple', { exportSchedule: '0 2 * * *', ...off }), EVERY_15).map((e) => e.kind)).toEqual(['reconcile']);
    }
  });

  it('schedules a scheduled roster import where reconcile would run it', () => {
    const both = { exportSchedule: '0 2 * * *', rosterSchedule: '0 5 * * 1-5' };
    expect(districtSchedules(district('maple', both), EVERY_15).map((e) => [e.kind, e.job, e.schedule])).toEqual([
      ['reconcile', '', EVERY_15],
      ['export', 'grades', '0 2 * * *'],
      ['roster', 'roster', '0 5 * * 1-5'],
    ]);
    expect(districtSchedules(district('maple', { ...both, gradeExport: false }), EVERY_15).map((e) => e.kind)).toEqual(['reconcile', 'roster']);
    for (const off of [{ rosterImport: false, gradeExport: false }, { enabled: false }, { target: 'classroom-admin' }]) {
      expect(districtSchedules(district('maple', { ...both, ...off }), EVERY_15).map((e) => e.kind)).toEqual(['reconcile']);
    }
    // A roster import without a schedule runs on demand only (sislink roster apply).
    expect(districtSchedules(district('maple', { gradeExport: false }), EVERY_15).map((e) => e.kind)).toEqual(['reconcile']);
  });

  it('takes the latest tick of each schedule in the district time zone, and the next one', () => {
    const entries = districtSchedules(district('maple', { exportSchedule: '0 2 * * *' }), EVERY_15);
    expect(dueTicks(entries, now).map((t) => [t.kind, t.tick.toISOString()])).toEqual([
      ['reconcile', '2026-09-01T12:15:00.000Z'],
      ['export', '2026-09-01T07:00:00.000Z'],
    ]);
    expect(dueTicks(entries, new Date('2026-09-01T12:15:00Z'))[0]?.tick.toISOString()).toBe('2026-09-01T12:15:00.000Z');
    expect(nextScheduled(entries, now)).toMatchObject({ kind: 'reconcile', tick: new Date('2026-09-01T12:30:00Z') });
  });
});

function run(overrides: Partial<RunRow>): RunRow {
  return {
    district: 'maple', kind: 'reconcile', job: '', tick: new Date('2026-09-01T12:00:00Z'), attempt: 1, max_attempts: 5, worker: 'w1',
    started_at: new Date('2026-09-01T12:00:01Z'), finished_at: new Date('2026-09-01T12:00:02Z'), outcome: 'succeeded', error: null, ...overrides,
  };
}

const EMPTY: FleetRows = { lastRuns: [], failures: [], openTicks: [], latestTicks: [], workers: [], queue: {} };

describe('fleet status', () => {
  const maple = district('maple', { gradeExport: false });

  it('has no lag when the latest tick of every schedule ran', () => {
    const rows: FleetRows = { ...EMPTY, lastRuns: [run({})], latestTicks: [{ district: 'maple', kind: 'reconcile', job: '', tick: new Date('2026-09-01T12:15:00Z'), state: 'succeeded' }] };
    const [status] = buildFleetStatus(rows, [maple], EVERY_15, now).districts;
    expect(status).toMatchObject({ district: 'maple', inFiles: true, lagSeconds: 0, oldestOpenTick: null, next: { kind: 'reconcile', at: '2026-09-01T12:30:00.000Z' } });
    expect(status?.lastRun).toMatchObject({ kind: 'reconcile', outcome: 'succeeded', startedAt: '2026-09-01T12:00:01.000Z' });
  });

  it('counts the lag from the oldest tick not completed: queued, or missed while no worker ran', () => {
    const queued: FleetRows = { ...EMPTY, openTicks: [{ district: 'maple', kind: 'reconcile', job: '', tick: new Date('2026-09-01T12:00:00Z'), state: 'queued' }] };
    expect(buildFleetStatus(queued, [maple], EVERY_15, now).districts[0]).toMatchObject({ lagSeconds: 20 * 60, oldestOpenTick: '2026-09-01T12:00:00.000Z' });
    const missed: FleetRows = { ...EMPTY, latestTicks: [{ district: 'maple', kind: 'reconcile', job: '', tick: new Date('2026-09-01T11:00:00Z'), state: 'succeeded' }] };
    expect(buildFleetStatus(missed, [maple], EVERY_15, now).districts[0]).toMatchObject({ lagSeconds: 65 * 60, oldestOpenTick: '2026-09-01T11:15:00.000Z' });
    // A district never scheduled lags from its current tick.
    expect(buildFleetStatus(EMPTY, [maple], EVERY_15, now).districts[0]?.lagSeconds).toBe(5 * 60);
  });

  it('lists failed attempts with their error, and districts recorded but no longer in the files', () => {
    const failure = { ...run({ district: 'oak', outcome: 'failed', error: 'AUTH_FAILED: token refused', attempt: 2, max_attempts: 2 }), tick_state: 'failed' as const };
    const rows: FleetRows = { ...EMPTY, lastRuns: [failure], failures: [failure] };
    const oak = buildFleetStatus(rows, [maple], EVERY_15, now).districts.find((d) => d.district === 'oak');
    expect(oak).toMatchObject({ inFiles: false, next: null, failures: [{ attempt: 2, maxAttempts: 2, error: 'AUTH_FAILED: token refused', final: true }] });
  });
});

describe('fleet status notes', () => {
  const maple = district('maple', { gradeExport: false });
  const problem = 'districts/oak.yaml:16:14: error SCHEMA_TYPE spec.link.enabled: must be true or false, not a string';
  const note = (worker: string, overrides: object = {}) => ({ worker, file: 'districts/oak.yaml', district: 'oak', running: true, problem, ...overrides });

  it('shows a broken file under its district once, with every worker still running its last good version', () => {
    const config = { notes: [note('w1'), note('w2')], linked: ['oak'], local: [{ file: 'districts/oak.yaml', districts: ['oak'], problem }] };
    const oak = buildFleetStatus(EMPTY, [maple], EVERY_15, now, config).districts.find((d) => d.district === 'oak');
    expect(oak).toMatchObject({ inFiles: true, inState: true, notes: [`${problem} (last good version still running on w1, w2)`] });
  });

  it('lists linked districts without a file, files of unknown districts, and what only this command saw', () => {
    const config = {
      notes: [note('w1', { district: '', file: 'districts/x.yaml', running: false, problem: 'districts/x.yaml:1:1: error FILE_EMPTY (document): file holds no YAML document' })],
      linked: ['gone'],
      local: [{ file: 'districts/pine.yaml', districts: ['pine'], problem: 'districts/pine.yaml:3:1: error YAML_SYNTAX (document): malformed YAML' }],
    };
    const status = buildFleetStatus(EMPTY, [maple], EVERY_15, now, config);
    expect(status.districts.map((d) => [d.district, d.inFiles, d.notes])).toEqual([
      ['gone', false, ['no file: not scheduled; remove its state or restore the file']],
      ['maple', true, []],
      ['pine', true, ['districts/pine.yaml:3:1: error YAML_SYNTAX (document): malformed YAML (as read by fleet status)']],
    ]);
    expect(status.files).toEqual([{ file: 'districts/x.yaml', note: 'districts/x.yaml:1:1: error FILE_EMPTY (document): file holds no YAML document (never valid on w1: not scheduled)' }]);
    const text = renderFleetStatus(status);
    expect(text).toContain('gone (no file)');
    expect(text).toContain('\nnotes:\n  gone: no file: not scheduled; remove its state or restore the file\n');
    expect(text).toContain('  districts/x.yaml: districts/x.yaml:1:1: error FILE_EMPTY');
  });
});

describe('dueTicks over a moving clock', () => {
  it('gives what lastTick gives at every moment, forwards, backwards and across a DST change', () => {
    const entries: ScheduleEntry[] = [
      { district: 'a', kind: 'reconcile', job: '', schedule: '*/15 * * * *', timezone: 'America/Chicago' },
      { district: 'b', kind: 'reconcile', job: '', schedule: '*/15 * * * *', timezone: 'America/Chicago' },
      { district: 'c', kind: 'export', job: 'g', schedule: '30 2 * * *', timezone: 'America/New_York' },
      { district: 'd', kind: 'export', job: 'g', schedule: '0 * * * 1-5', timezone: 'Europe/Paris' },
    ];
    // 2026-11-01 is the end of daylight saving time in the United States.
    const start = Date.parse('2026-10-31T20:00:00Z');
    const moments: number[] = [];
    for (let at = start; at < start + 30 * 3_600_000; at += 37_000) moments.push(at);
    for (let at = start + 30 * 3_600_000; at > start; at -= 601_000) moments.push(at);
    // Right at and just before ticks, where the one-second allowance matters.
    for (const tick of ['2026-11-01T06:30:00Z', '2026-11-01T07:30:00Z', '2026-11-01T12:00:00Z']) {
      for (const offset of [-1500, -1000, -999, -1, 0, 1, 999]) moments.push(Date.parse(tick) + offset);
    }
    for (const at of moments) {
      const now = new Date(at);
      const expected = entries.map((entry) => lastTick(entry.schedule, entry.timezone, now)?.toISOString());
      expect(dueTicks(entries, now).map((due) => due.tick.toISOString()), now.toISOString()).toEqual(expected);
    }
  });
});


import { describe, expect, it } from 'vitest';
import { isDue, lastTick, nextTick } from '../../src/jobs/schedule.js';

describe('job schedules', () => {
  const now = new Date('2026-09-01T12:00:00Z');

  it('reads cron ticks in the district time zone', () => {
    expect(lastTick('0 2 * * *', 'America/Chicago', now)?.toISOString()).toBe('2026-09-01T07:00:00.000Z');
    expect(nextTick('0 2 * * *', 'America/Chicago', now)?.toISOString()).toBe('2026-09-02T07:00:00.000Z');
    expect(lastTick('0 2 * * *', 'Europe/Paris', now)?.toISOString()).toBe('2026-09-01T00:00:00.000Z');
  });

  it('is due when never run or when a tick passed since the last start', () => {
    expect(isDue('0 2 * * *', 'America/Chicago', now, undefined)).toBe(true);
    expect(isDue('0 2 * * *', 'America/Chicago', now, '2026-09-01T06:59:00Z')).toBe(true);
    expect(isDue('0 2 * * *', 'America/Chicago', now, '2026-09-01T07:00:01Z')).toBe(false);
  });

  it('counts a tick exactly at now', () => {
    expect(isDue('0 12 * * *', 'UTC', now, '2026-09-01T11:00:00Z')).toBe(true);
  });

  it('never runs a job without a schedule or with an invalid one', () => {
    expect(isDue(undefined, 'UTC', now, undefined)).toBe(false);
    expect(isDue('not cron', 'UTC', now, undefined)).toBe(false);
  });
});

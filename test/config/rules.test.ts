import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/config/rules/urls.js';
import { cronProblem, isValidTimeZone } from '../../src/config/rules/schedule.js';
import { checkJobsEnabled } from '../../src/config/rules/exchange.js';
import { checkRecords } from '../../src/config/rules/records.js';
import type { AccessRecordSpec, DistrictConfig } from '../../src/config/types.js';

function withRecords(records: AccessRecordSpec[], overlapDays?: number): DistrictConfig {
  const rotation = overlapDays === undefined ? undefined : {
    rollover: '07-01', overlapDays, validityDays: 395, namePattern: 'G {schoolYear}', provider: 'manual' as const, warningDays: 30,
  };
  return { spec: { credentials: { records, ...(rotation ? { rotation } : {}) } } } as DistrictConfig;
}

const record = (name: string, effective: string, expiration?: string): AccessRecordSpec => ({ name, key: 'k', secret: 'env:S', effective, ...(expiration ? { expiration } : {}) });

describe('loopback hosts', () => {
  it.each([['127.0.0.1', true], ['127.255.3.4', true], ['localhost', true], ['[::1]', true], ['128.0.0.1', false], ['localhost.example.org', false], ['10.0.0.1', false]])('%s -> %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('cron and time zones', () => {
  it('accepts five fields and aliases, refuses others', () => {
    expect(cronProblem('0 2 * * 1-5', 'America/Chicago')).toBeUndefined();
    expect(cronProblem('@daily', 'UTC')).toBeUndefined();
    expect(cronProblem('0 0 2 * * *', 'UTC')).toMatch(/five-field/);
    expect(cronProblem('0 25 * * *', 'UTC')).toMatch(/not a valid cron/);
  });

  it('knows IANA zones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Europe/Parisss')).toBe(false);
  });
});

describe('access record chain', () => {
  it('accepts records that touch with no overlap requirement only when overlapDays is 0', () => {
    const records = [record('a', '2025-01-01', '2025-12-31'), record('b', '2026-01-01', '2026-12-31')];
    expect(checkRecords(withRecords(records, 0))).toEqual([]);
    expect(checkRecords(withRecords(records, 1)).map((finding) => finding.code)).toEqual(['RECORD_OVERLAP_SHORT']);
  });

  it('counts a record without expiration as covering everything after it', () => {
    const records = [record('open', '2024-01-01'), record('a', '2025-01-01', '2025-03-01'), record('b', '2026-01-01', '2026-12-31')];
    expect(checkRecords(withRecords(records, 30)).map((finding) => finding.code)).toEqual([]);
  });

  it('finds a gap even when records are listed out of order', () => {
    const records = [record('late', '2026-03-01', '2027-03-01'), record('early', '2025-01-01', '2026-01-31')];
    const findings = checkRecords(withRecords(records));
    expect(findings).toEqual([{ severity: 'error', code: 'COVERAGE_GAP', path: 'spec.credentials.records[0].effective', message: 'no access record is valid from 2026-02-01 to 2026-02-28' }]);
  });

  it('uses the default overlap of 30 days without a rotation policy', () => {
    const records = [record('a', '2025-01-01', '2025-12-31'), record('b', '2025-12-10', '2026-12-31')];
    expect(checkRecords(withRecords(records)).map((finding) => finding.message)).toEqual(['overlaps "a" by 22 day(s); the rotation policy asks for at least 30']);
  });
});

describe('roster import adoption', () => {
  const withRoster = (rule: 'alias' | 'teacher-email-title', allowFallback: boolean, adoptFallbackMatches: boolean): DistrictConfig => ({
    spec: {
      exports: [], dataExchange: { rosterImport: true, gradeExport: false },
      rosterImport: { name: 'roster', mapping: { rule, aliasPrefix: 'd:', allowFallback }, removeUnenrolled: false, archiveEndedTerms: false, adoptFallbackMatches },
    },
  }) as unknown as DistrictConfig;

  it('warns that adoptFallbackMatches does nothing without the teacher email + title fallback', () => {
    const findings = checkJobsEnabled(withRoster('alias', false, true));
    expect(findings.map((finding) => [finding.code, finding.path, finding.severity])).toEqual([['ADOPT_WITHOUT_FALLBACK', 'spec.rosterImport.adoptFallbackMatches', 'warning']]);
    expect(checkJobsEnabled(withRoster('alias', true, true))).toEqual([]);
    expect(checkJobsEnabled(withRoster('teacher-email-title', false, true))).toEqual([]);
    expect(checkJobsEnabled(withRoster('alias', false, false))).toEqual([]);
  });
});

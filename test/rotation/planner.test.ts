import { describe, expect, it } from 'vitest';
import type { RotationPolicy } from '../../src/config/types.js';
import { nextRollover, recordKey, recordName, recordWindow, schoolYearOf, schoolYearOfName } from '../../src/rotation/calendar.js';
import { planRotation } from '../../src/rotation/planner.js';
import type { ManagedRecord, RotationDesired, RotationObserved } from '../../src/rotation/types.js';
import { renderDistrictText } from '../../src/plan/render-text.js';
import type { DistrictPlan, RotateAction } from '../../src/plan/types.js';
import { coverage, recordStatuses } from '../../src/rotation/status.js';
import { knownRecords } from '../../src/rotation/records.js';

const policy: RotationPolicy = {
  rollover: '07-01', overlapDays: 30, validityDays: 395, namePattern: 'Google Classroom {schoolYear}', key: 'GOOGLE',
  provider: 'manual', secretStore: 'file:../secrets/rotation', warningDays: 30,
};

function desired(today: string, overrides: Partial<RotationDesired> = {}): RotationDesired {
  return {
    policy, provider: policy.provider, vendor: 'skyward-qmlativ', baseKey: 'GOOGLE', today, now: `${today}T17:00:00.000Z`,
    configRecords: [{ name: 'Google Classroom 2026', key: 'GOOGLE', secret: 'file:../secrets/sis-secret', effective: '2025-06-01', expiration: '2026-07-01' }],
    ...overrides,
  };
}

const none: RotationObserved = { managed: {}, provider: null, providerError: null, secrets: {} };
const link = { district: 'juniper', activeRecord: 'Google Classroom 2026', desiredRecord: 'Google Classroom 2026' };

function managed(overrides: Partial<ManagedRecord>): ManagedRecord {
  return {
    name: 'Google Classroom 2027', key: 'GOOGLE2027', schoolYear: 2027, effective: '2026-06-01', expiration: '2027-07-01', origin: 'manual',
    providerId: null, secretName: 'juniper-google-classroom-2027', secretRef: 'file:../secrets/rotation/juniper-google-classroom-2027',
    createdAt: null, instructedAt: '2026-05-02T17:00:00.000Z', test: null, promotedAt: null, retiredAt: null, ...overrides,
  };
}

describe('school-year calendar', () => {
  it('names a school year by the year it ends and windows its record around the rollover', () => {
    expect(schoolYearOf(policy, '2026-06-30')).toBe(2026);
    expect(schoolYearOf(policy, '2026-07-01')).toBe(2027);
    expect(nextRollover(policy, '2026-06-30')).toBe('2026-07-01');
    expect(nextRollover(policy, '2026-07-01')).toBe('2027-07-01');
    expect(recordName(policy, 2027)).toBe('Google Classroom 2027');
    expect(schoolYearOfName(policy, 'Google Classroom 2027')).toBe(2027);
    expect(schoolYearOfName(policy, 'Google Classroom')).toBeUndefined();
    expect(recordWindow(policy, 2027)).toEqual({ effective: '2026-06-01', expiration: '2027-07-01' });
    expect(recordKey('GOOGLE', 2027)).toBe('GOOGLE2027');
    expect(recordKey('G-{schoolYear}-X', 2027)).toBe('G-2027-X');
  });
});

describe('planRotation', () => {
  it('does nothing while the next record is not due', () => {
    const plan = planRotation(desired('2026-04-01'), none, link);
    expect([...plan.prepare, ...plan.retire]).toEqual([]);
  });

  it('tells a person exactly what to create in Skyward Qmlativ, with the dates and where the secret goes', () => {
    const plan = planRotation(desired('2026-05-02'), none, link);
    expect(plan.prepare.map((action) => action.step)).toEqual(['instruct']);
    const action = plan.prepare[0] as RotateAction;
    expect(action).toMatchObject({ record: 'Google Classroom 2027', key: 'GOOGLE2027', effective: '2026-06-01', expiration: '2027-07-01', deadline: '2026-06-01', pending: false });
    expect(action.secretRef).toBe('file:../secrets/rotation/juniper-google-classroom-2027');
    const text = action.instructions.join('\n');
    for (const expected of [
      'Do this by 2026-06-01',
      'stops working after 2026-07-01',
      'Administrative Access > API > Vendor',
      'Administrative Access > API > OneRoster Configuration',
      'GGLCL',
      'Administrative Access > API > Integration',
      'Integration Accesses',
      'Add Integration Access',
      'Name: Google Classroom 2027',
      'Key: GOOGLE2027',
      'Authentication Type: OA2 - OAuth 2.0',
      'Is Active: ticked',
      'Set Effective Date to 2026-06-01.',
      'Set Expiration Date to 2027-07-01.',
      'Generate Secret',
      'file:../secrets/rotation/juniper-google-classroom-2027',
    ]) expect(text).toContain(expected);
    const district: DistrictPlan = { district: 'juniper', file: 'juniper.yaml', target: 'connector', base: '', desiredDigest: '', actions: plan.prepare, warnings: [], errors: [] };
    const rendered = renderDistrictText(district);
    expect(rendered).toContain('* rotate instruct credential.juniper["Google Classroom 2027"]');
    expect(rendered).toContain('effective 2026-06-01, expires 2027-07-01');
    expect(rendered).toContain('due by 2026-06-01');
  });

  it('waits for the person, then tests once the secret reference resolves, then promotes', () => {
    const waiting = planRotation(desired('2026-05-20'), { ...none, managed: { 'Google Classroom 2027': managed({}) } }, link);
    expect(waiting.prepare.map((action) => [action.step, action.pending])).toEqual([['instruct', true]]);
    const overdue = planRotation(desired('2026-06-05'), { ...none, managed: { 'Google Classroom 2027': managed({}) } }, link);
    expect(overdue.warnings.map((warning) => warning.code)).toEqual(['ROTATION_OVERDUE']);
    const stored = { ...none, managed: { 'Google Classroom 2027': managed({}) }, secrets: { 'Google Classroom 2027': 'hmac-sha256:aa' } };
    expect(planRotation(desired('2026-05-20'), stored, link).prepare).toEqual([]);
    const due = planRotation(desired('2026-06-01'), stored, link);
    expect(due.prepare.map((action) => action.step)).toEqual(['test']);
    expect(due.promote.map((action) => action.step)).toEqual(['promote']);
  });

  it('never tests an unchanged failed record before its next attempt', () => {
    const failed = managed({ test: { at: '2026-06-01T17:00:00.000Z', ok: false, fingerprint: 'hmac-sha256:aa', failures: 1, error: 'HTTP 401', nextAttempt: '2026-06-01T18:00:00.000Z' } });
    const observed = { ...none, managed: { 'Google Classroom 2027': failed }, secrets: { 'Google Classroom 2027': 'hmac-sha256:aa' } };
    const early = planRotation(desired('2026-06-01', { now: '2026-06-01T17:30:00.000Z' }), observed, link);
    expect(early.prepare).toEqual([]);
    expect(early.warnings[0]?.message).toContain('next attempt after 2026-06-01T18:00:00.000Z');
    const later = planRotation(desired('2026-06-01', { now: '2026-06-01T18:00:00.000Z' }), observed, link);
    expect(later.prepare.map((action) => action.step)).toEqual(['test']);
  });

  it('creates a record with the provider only when it does not list one of that name (adopts otherwise)', () => {
    const automatic = desired('2026-06-01', { provider: 'sandbox-http', policy: { ...policy, provider: 'sandbox-http' } });
    const empty = planRotation(automatic, { ...none, provider: [] }, link);
    expect(empty.prepare.map((action) => action.step)).toEqual(['create', 'secret', 'test']);
    expect(empty.promote.map((action) => action.step)).toEqual(['promote']);
    const listed = { id: 'ar-1', name: 'Google Classroom 2027', key: 'GOOGLE2027', isActive: true, effectiveDate: '2026-06-01', expirationDate: '2027-07-01', hasSecret: true, builtIn: false };
    const adopt = planRotation(automatic, { ...none, provider: [listed] }, link);
    expect(adopt.prepare.map((action) => action.step)).toEqual(['adopt', 'secret', 'test']);
    const unreachable = planRotation(automatic, { ...none, providerError: 'connection refused' }, link);
    expect(unreachable.prepare).toEqual([]);
    expect(unreachable.warnings.map((warning) => warning.code)).toEqual(['ROTATION_PROVIDER_UNREACHABLE']);
  });

  it('retires a record only after it expired and when the link no longer uses it', () => {
    const tested = managed({ test: { at: '2026-06-01T17:00:00.000Z', ok: true, fingerprint: 'hmac-sha256:aa', failures: 0 } });
    const observed = { ...none, managed: { 'Google Classroom 2027': tested }, secrets: { 'Google Classroom 2027': 'hmac-sha256:aa' } };
    const moved = { ...link, activeRecord: 'Google Classroom 2027', desiredRecord: 'Google Classroom 2027' };
    expect(planRotation(desired('2026-07-01'), observed, moved).retire).toEqual([]);
    const retire = planRotation(desired('2026-07-02'), observed, moved).retire;
    expect(retire.map((action) => [action.step, action.record, action.reason])).toEqual([['retire', 'Google Classroom 2026', 'expired after 2026-07-01: deactivate it']]);
    expect(retire[0]?.instructions.join('\n')).toContain('untick Is Active');
    expect(planRotation(desired('2026-07-02'), observed, link).retire).toEqual([]);
  });

  it('counts coverage only through tested, active records', () => {
    const untested = { ...none, managed: { 'Google Classroom 2027': managed({}) }, secrets: { 'Google Classroom 2027': 'hmac-sha256:aa' } };
    const known = knownRecords(desired('2026-06-10'), untested);
    expect(coverage(known, '2026-06-10')).toEqual({ coveredThrough: '2026-07-01', daysLeft: 22 });
    expect(recordStatuses(known, '2026-06-10', 'Google Classroom 2026').map((record) => record.state)).toEqual(['current', 'pending']);
    const tested = managed({ test: { at: '2026-06-01T17:00:00.000Z', ok: true, fingerprint: 'hmac-sha256:aa', failures: 0 } });
    const covered = knownRecords(desired('2026-06-10'), { ...untested, managed: { 'Google Classroom 2027': tested } });
    expect(coverage(covered, '2026-06-10')).toEqual({ coveredThrough: '2027-07-01', daysLeft: 387 });
  });
});

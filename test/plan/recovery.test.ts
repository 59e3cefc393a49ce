/**
 * planDistrict when the desired fields do not resolve: only "no record covers today" can be
 * recovered (by a rotation that prepares and promotes a record), and only then is it a warning.
 */
import { describe, expect, it } from 'vitest';
import type { RotationPolicy } from '../../src/config/types.js';
import type { DesiredDistrict } from '../../src/plan/desired.js';
import { planDistrict, type ObservedDistrict } from '../../src/plan/planner.js';
import type { Fields, PlanWarning } from '../../src/plan/types.js';
import type { ProviderRecord } from '../../src/providers/access-records/types.js';
import type { RotationDesired, RotationObserved } from '../../src/rotation/types.js';

const TODAY = '2026-07-02';
const NO_RECORD: PlanWarning = { code: 'NO_CURRENT_RECORD', message: `no access record covers ${TODAY} (America/Chicago); add one under spec.credentials.records` };

function policy(overrides: Partial<RotationPolicy> = {}): RotationPolicy {
  return {
    rollover: '07-01', overlapDays: 30, validityDays: 395, namePattern: 'Google Classroom {schoolYear}', key: 'GOOGLE',
    provider: 'sandbox-http', providerUrl: 'http://127.0.0.1:1/admin', providerToken: 'env:TOKEN', secretStore: 'file:../secrets/rotation', warningDays: 30,
    ...overrides,
  };
}

function rotation(overrides: Partial<RotationPolicy> = {}): RotationDesired {
  const chosen = policy(overrides);
  return {
    policy: chosen, provider: chosen.provider, vendor: 'skyward-qmlativ', baseKey: 'GOOGLE', today: TODAY, now: `${TODAY}T17:00:00.000Z`,
    configRecords: [{ name: 'Google Classroom 2026', key: 'GOOGLE2026', secret: 'file:../secrets/sis-secret', effective: '2025-06-01', expiration: '2026-07-01' }],
  };
}

const listed: ProviderRecord = {
  id: 'rec-1', name: 'Google Classroom 2026', key: 'GOOGLE2026', isActive: true, effectiveDate: '2025-06-01', expirationDate: '2026-07-01', hasSecret: true, builtIn: false,
};

function rotationObserved(overrides: Partial<RotationObserved> = {}): RotationObserved {
  return { managed: {}, provider: [listed], providerError: null, secrets: {}, ...overrides };
}

const link: Fields = {
  vendor: 'skyward-qmlativ', key: 'GOOGLE2026', activeRecord: 'Google Classroom 2026',
  secret: { sensitive: true, ref: 'file:../secrets/sis-secret', fingerprint: 'hmac-sha256:aaaa' },
};

/** `null` stands for "no rotation policy". */
function desired(errors: PlanWarning[], desiredRotation: RotationDesired | null = rotation()): DesiredDistrict {
  return {
    name: 'maple', file: 'maple.yaml', target: 'connector', enabled: true, domain: 'maple.example.edu', fields: undefined, record: undefined,
    errors, warnings: [], ...(desiredRotation === null ? {} : { rotation: desiredRotation }),
  };
}

/** `null` stands for "not observed" (rotation) and "not linked" (link). */
function observed(rotationState: RotationObserved | null = rotationObserved(), linked: Fields | null = link): ObservedDistrict {
  return {
    name: 'maple', target: 'connector', link: linked ?? undefined, credentialCheck: undefined, pendingSteps: [],
    ...(rotationState === null ? {} : { rotation: rotationState }),
  };
}

const options = { allowUnlink: false };
const ids = (plan: ReturnType<typeof planDistrict>) => plan.actions.map((action) => action.id);

describe('planDistrict when no access record covers today', () => {
  it('recovers a link on an expired record through the rotation, with a warning instead of the error', () => {
    const plan = planDistrict(desired([NO_RECORD]), observed(), options);
    expect(plan.errors).toEqual([]);
    expect(plan.warnings[0]?.code).toBe('LINK_CREDENTIAL_EXPIRED');
    expect(plan.warnings[0]?.message).toContain('which expired after 2026-07-01: the link no longer works and no access record covers 2026-07-02');
    expect(ids(plan)).toEqual([
      'rotate:create:Google Classroom 2027', 'rotate:secret:Google Classroom 2027', 'rotate:test:Google Classroom 2027',
      'rotate:promote:Google Classroom 2027', 'rotate:retire:Google Classroom 2026',
    ]);
  });

  it('never promotes without a test in the same plan, and never retires the link record without a promotion', () => {
    const plan = planDistrict(desired([NO_RECORD]), observed(), options);
    const steps = plan.actions.map((action) => (action.kind === 'rotate' ? action.step : action.kind));
    expect(steps.indexOf('test')).toBeLessThan(steps.indexOf('promote'));
    expect(steps.indexOf('promote')).toBeLessThan(steps.indexOf('retire'));
    const unreachable = planDistrict(desired([NO_RECORD]), observed(rotationObserved({ provider: null, providerError: 'connect ECONNREFUSED' })), options);
    expect(unreachable.actions.some((action) => action.kind === 'rotate' && action.step === 'retire')).toBe(false);
  });

  it('links a district that was never linked, as a missing credential', () => {
    const plan = planDistrict(desired([NO_RECORD]), observed(rotationObserved(), null), options);
    expect(plan.errors).toEqual([]);
    expect(plan.warnings[0]).toMatchObject({ code: 'LINK_CREDENTIAL_MISSING', message: expect.stringContaining('the district is not linked and no access record covers 2026-07-02') });
    expect(ids(plan)).toEqual([
      'rotate:create:Google Classroom 2027', 'rotate:secret:Google Classroom 2027', 'rotate:test:Google Classroom 2027',
      'rotate:promote:Google Classroom 2027', 'rotate:retire:Google Classroom 2026',
    ]);
    // No link uses the expired record: it is retired as any expired record is.
    expect(plan.actions.at(-1)?.reason).toBe('expired after 2026-07-01: deactivate it');
  });

  it('keeps the error when the provider cannot be reached', () => {
    const plan = planDistrict(desired([NO_RECORD]), observed(rotationObserved({ provider: null, providerError: 'connect ECONNREFUSED' })), options);
    expect(plan.errors.map((error) => error.code)).toEqual(['NO_CURRENT_RECORD']);
    expect(plan.errors[0]?.message).toContain('which expired after 2026-07-01');
    expect(plan.errors[0]?.message).toContain('until the access-record provider answers');
    expect(plan.warnings.map((warning) => warning.code)).toEqual(['ROTATION_PROVIDER_UNREACHABLE']);
    expect(plan.actions).toEqual([]);
  });

  it('keeps the error when generated secrets have nowhere to go', () => {
    const plan = planDistrict(desired([NO_RECORD], rotation({ secretStore: undefined })), observed(), options);
    expect(plan.errors[0]?.message).toContain('set spec.credentials.rotation.secretStore');
    expect(plan.actions.some((action) => action.kind === 'rotate' && action.step === 'promote')).toBe(false);
  });

  it('keeps the error while a failed replacement test backs off', () => {
    const replacement: ProviderRecord = { ...listed, id: 'rec-2', name: 'Google Classroom 2027', key: 'GOOGLE2027', effectiveDate: '2026-06-01', expirationDate: '2027-07-01' };
    const managed = {
      name: 'Google Classroom 2027', key: 'GOOGLE2027', schoolYear: 2027, effective: '2026-06-01', expiration: '2027-07-01', origin: 'created' as const,
      providerId: 'rec-2', secretName: 'maple-google-classroom-2027-x', secretRef: 'file:../secrets/rotation/maple-google-classroom-2027-x', createdAt: null,
      instructedAt: null, promotedAt: null, retiredAt: null,
      test: { at: `${TODAY}T16:00:00.000Z`, ok: false, fingerprint: 'hmac-sha256:bbbb', failures: 1, error: 'token refused', nextAttempt: `${TODAY}T18:00:00.000Z` },
    };
    const state = rotationObserved({ provider: [listed, replacement], managed: { [managed.name]: managed }, secrets: { [managed.name]: 'hmac-sha256:bbbb' } });
    const plan = planDistrict(desired([NO_RECORD]), observed(state), options);
    expect(plan.errors[0]?.message).toContain('the replacement record failed its test');
    expect(plan.warnings.map((warning) => warning.code)).toContain('ROTATION_TEST_FAILED');
    expect(plan.actions).toEqual([]);
  });

  it('keeps the error with the manual provider and carries the instructions', () => {
    const plan = planDistrict(desired([NO_RECORD], rotation({ provider: 'manual', providerUrl: undefined, providerToken: undefined })), observed(rotationObserved({ provider: null })), options);
    expect(plan.errors.map((error) => error.code)).toEqual(['NO_CURRENT_RECORD']);
    expect(plan.errors[0]?.message).toContain('a person must create access record "Google Classroom 2027" now');
    const instruct = plan.actions[0];
    expect(instruct?.kind === 'rotate' && instruct.step).toBe('instruct');
    expect(instruct?.kind === 'rotate' && instruct.instructions.join('\n')).toContain('Administrative Access > API');
  });

  it('keeps the error as it was without a rotation policy', () => {
    const plan = planDistrict(desired([NO_RECORD], null), observed(null), options);
    expect(plan.errors).toEqual([NO_RECORD]);
    expect(plan.actions).toEqual([]);
  });
});

describe('planDistrict with other unresolvable desired fields', () => {
  it('keeps failing on a secret reference that does not resolve, rotation or not', () => {
    const error = { code: 'SECRET_UNRESOLVED', message: 'the secret of record "Google Classroom 2026" (file:../secrets/sis-secret) does not resolve' };
    const plan = planDistrict(desired([error]), observed(), options);
    expect(plan.errors).toEqual([error]);
    expect(plan.warnings).toEqual([]);
    expect(plan.actions).toEqual([]);
  });

  it('plans no recovery when the endpoints do not resolve either', () => {
    const endpoints = { code: 'ENDPOINTS_UNRESOLVED', message: 'the OneRoster endpoints could not be derived; run `sislink validate`' };
    const plan = planDistrict(desired([NO_RECORD, endpoints]), observed(), options);
    expect(plan.errors).toEqual([NO_RECORD, endpoints]);
    expect(plan.actions).toEqual([]);
  });
});

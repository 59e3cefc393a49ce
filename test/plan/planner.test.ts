import { describe, expect, it } from 'vitest';
import { planDistrict, type ObservedDistrict } from '../../src/plan/planner.js';
import type { DesiredDistrict } from '../../src/plan/desired.js';
import type { Fields, SensitiveValue } from '../../src/plan/types.js';
import { districtHasChanges } from '../../src/plan/types.js';
import { assemblePlan } from '../../src/plan/plan.js';
import { renderPlan } from '../../src/plan/render.js';

const secret: SensitiveValue = { sensitive: true, ref: 'env:SIS_SECRET', fingerprint: 'hmac-sha256:aaaa' };

function fields(overrides: Partial<Fields> = {}): Fields {
  return {
    vendor: 'skyward-qmlativ',
    baseUrl: 'https://demo.skyward.com/demoapi',
    tokenUrl: 'https://demo.skyward.com/demoapi/oauth/token',
    oneRosterVersion: '1.1',
    auth: 'oauth2-basic',
    key: 'GOOGLE',
    secret,
    activeRecord: 'Google Classroom 2026',
    consentSisSupport: false,
    rosterImport: true,
    gradeExport: true,
    domain: 'maple.example.edu',
    ...overrides,
  };
}

function desired(overrides: Partial<DesiredDistrict> = {}): DesiredDistrict {
  return { name: 'maple', file: 'maple.yaml', target: 'connector', enabled: true, domain: 'maple.example.edu', fields: fields(), record: undefined, errors: [], warnings: [], ...overrides };
}

function observed(overrides: Partial<ObservedDistrict> = {}): ObservedDistrict {
  return { name: 'maple', target: 'connector', link: undefined, credentialCheck: undefined, pendingSteps: [], ...overrides };
}

const options = { allowUnlink: false };

describe('planDistrict (connector)', () => {
  it('creates an absent link after verifying its credential', () => {
    const plan = planDistrict(desired(), observed(), options);
    expect(plan.actions.map((action) => action.kind)).toEqual(['verify', 'create']);
    expect(districtHasChanges(plan)).toBe(true);
  });

  it('plans nothing when the link matches', () => {
    const plan = planDistrict(desired(), observed({ link: fields() }), options);
    expect(plan.actions.map((action) => action.kind)).toEqual(['no-op']);
    expect(districtHasChanges(plan)).toBe(false);
  });

  it('updates a consent change without a credential test', () => {
    const plan = planDistrict(desired({ fields: fields({ consentSisSupport: true }) }), observed({ link: fields() }), options);
    expect(plan.actions.map((action) => action.kind)).toEqual(['update']);
    const update = plan.actions[0];
    expect(update?.kind === 'update' && update.changes).toEqual([{ field: 'consentSisSupport', before: false, after: true }]);
  });

  it('verifies before switching to a changed secret', () => {
    const next = { ...secret, fingerprint: 'hmac-sha256:bbbb' };
    const plan = planDistrict(desired({ fields: fields({ secret: next }) }), observed({ link: fields() }), options);
    expect(plan.actions.map((action) => action.kind)).toEqual(['verify', 'update']);
  });

  it('re-verifies an unchanged link whose credential fails', () => {
    const check = { record: 'Google Classroom 2026', fingerprint: 'x', ok: false, error: 'HTTP 401' };
    const plan = planDistrict(desired(), observed({ link: fields(), credentialCheck: check }), options);
    expect(plan.actions.map((action) => action.kind)).toEqual(['verify']);
    expect(plan.actions[0]?.reason).toContain('HTTP 401');
  });

  it('never unlinks because a file disappeared', () => {
    const plan = planDistrict(undefined, observed({ link: fields() }), options);
    expect(plan.actions).toEqual([]);
    expect(plan.warnings.map((warning) => warning.code)).toEqual(['UNLINK_NOT_IMPLIED']);
  });

  it('unlinks on enabled: false and warns about duplicate grades', () => {
    const plan = planDistrict(desired({ enabled: false, fields: undefined }), observed({ link: fields() }), options);
    expect(plan.actions.map((action) => action.kind)).toEqual(['delete']);
    expect(plan.warnings.map((warning) => warning.code)).toContain('DUPLICATE_GRADES_RISK');
  });

  it('unlinks a vanished district only with allowUnlink', () => {
    const plan = planDistrict(undefined, observed({ link: fields() }), { allowUnlink: true });
    expect(plan.actions.map((action) => action.kind)).toEqual(['delete']);
  });

  it('reports desired-state errors without actions', () => {
    const plan = planDistrict(desired({ fields: undefined, errors: [{ code: 'NO_CURRENT_RECORD', message: 'none' }] }), observed(), options);
    expect(plan.actions).toEqual([]);
    expect(plan.errors).toHaveLength(1);
  });

  it('changes the base when the observed state changes', () => {
    const a = planDistrict(desired(), observed({ link: fields() }), options);
    const b = planDistrict(desired(), observed({ link: fields({ key: 'OTHER' }) }), options);
    expect(a.base).not.toBe(b.base);
  });
});

describe('planDistrict (classroom-admin)', () => {
  it('hands out a manual step with the secret as a reference only', () => {
    const plan = planDistrict(desired({ target: 'classroom-admin' }), observed({ target: 'classroom-admin' }), options);
    const manual = plan.actions.find((action) => action.kind === 'manual');
    expect(manual?.kind).toBe('manual');
    if (manual?.kind !== 'manual') return;
    expect(manual.pending).toBe(false);
    expect(manual.values.Secret).toBe('(read it from env:SIS_SECRET)');
    expect(manual.instructions.join('\n')).toContain(`sislink attest maple ${manual.stepId}`);
  });

  it('shows a handed-out step as pending, not as a change', () => {
    const first = planDistrict(desired({ target: 'classroom-admin' }), observed({ target: 'classroom-admin' }), options);
    const manual = first.actions.find((action) => action.kind === 'manual');
    if (manual?.kind !== 'manual') throw new Error('expected a manual step');
    const second = planDistrict(
      desired({ target: 'classroom-admin' }),
      observed({ target: 'classroom-admin', pendingSteps: [{ id: manual.stepId, title: manual.title }], credentialCheck: { record: 'x', fingerprint: 'y', ok: true } }),
      options,
    );
    const again = second.actions.find((action) => action.kind === 'manual');
    expect(again?.kind === 'manual' && again.pending).toBe(true);
  });

  it('asks only for the consent box when consent alone changed', () => {
    const plan = planDistrict(desired({ target: 'classroom-admin', fields: fields({ consentSisSupport: true }) }), observed({ target: 'classroom-admin', link: fields() }), options);
    expect(plan.actions.map((action) => action.kind)).toEqual(['manual']);
    expect(plan.actions[0]?.kind === 'manual' && plan.actions[0].title).toContain('Enable SIS support');
  });
});

describe('renderings', () => {
  it('render the same plan as text, markdown and JSON without secret values', () => {
    const next = { ...secret, fingerprint: 'hmac-sha256:bbbb' };
    const district = planDistrict(desired({ fields: fields({ secret: next, consentSisSupport: true }) }), observed({ link: fields() }), options);
    const plan = assemblePlan([district], new Date('2026-09-01T00:00:00Z'), new Date('2026-09-01T00:00:00Z'));
    const text = renderPlan(plan, 'text');
    expect(text).toContain('-consentSisSupport: false');
    expect(text).toContain('+consentSisSupport: true');
    expect(text).toContain('Plan: 0 to create, 1 to update, 0 to delete, 1 to verify, 0 manual.');
    const markdown = renderPlan(plan, 'markdown');
    expect(markdown).toContain(`<!-- sislink-plan-hash: ${plan.hash} -->`);
    expect(JSON.parse(renderPlan(plan, 'json')).hash).toBe(plan.hash);
  });

  it('hashes independently of the creation time', () => {
    const district = planDistrict(desired(), observed(), options);
    const a = assemblePlan([district], new Date('2026-09-01T00:00:00Z'), new Date('2026-09-01T00:00:00Z'));
    const b = assemblePlan([district], new Date('2026-09-01T00:00:00Z'), new Date('2026-09-02T00:00:00Z'));
    expect(a.hash).toBe(b.hash);
  });
});

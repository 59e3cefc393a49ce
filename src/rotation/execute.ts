/**
 * The side effects of rotation steps, called by the apply executor inside a journaled action.
 * Each step is idempotent and re-reads the state first, so a run killed at any point is finished
 * by the next one: the provider's list decides whether a record exists, the secret store whether
 * a secret was kept, and a secret is generated only when none is stored.
 */
import type { LoadedDistrict } from '../config/types.js';
import { SislinkError } from '../errors.js';
import type { RotateAction } from '../plan/types.js';
import { openAccessRecordProvider } from '../providers/access-records/index.js';
import type { AccessRecordProvider } from '../providers/access-records/types.js';
import { linkTarget } from '../providers/link-targets.js';
import { sisUserAgent } from '../providers/user-agent.js';
import type { ReconcileContext } from '../reconcile/context.js';
import { secretContext, tryResolveSecret, vendorAuthorization } from '../reconcile/observe.js';
import { fingerprintSecret } from '../secrets/fingerprint.js';
import { openSecretStore } from '../secrets/stores/index.js';
import { resolveEndpoints } from '../vendors/index.js';
import { nextAttemptAfter } from './backoff.js';
import { secretNameFor } from './secret-names.js';
import { emptyManaged, loadManaged, updateManaged } from './state.js';
import type { ManagedRecord } from './types.js';

export interface RotationRunEnv {
  context: ReconcileContext;
  district: string;
  loaded: LoadedDistrict;
  configFile: string;
  /** Journals one sub-step of the current action, so a crash between sub-steps is settled too. */
  journal<T extends Record<string, unknown>>(sub: string, effect: () => Promise<T>): Promise<T>;
}

export type RotationStepResult = {
  ok: boolean;
  error?: string;
  /** Secret-free facts for the journal. */
  result: Record<string, unknown>;
};

function policyOf(env: RotationRunEnv) {
  const policy = env.loaded.config.spec.credentials.rotation;
  if (policy === undefined) throw new SislinkError('PLAN_STALE', `${env.loaded.source.file} has no rotation policy any more`);
  return policy;
}

async function withProvider<T>(env: RotationRunEnv, use: (provider: AccessRecordProvider) => Promise<T>): Promise<T> {
  const provider = await openAccessRecordProvider(policyOf(env), (ref) => tryResolveSecret(env.configFile, ref));
  if (provider === undefined) throw new SislinkError('USAGE', 'the manual provider has no automatic steps');
  try {
    return await use(provider);
  } finally {
    await provider.close();
  }
}

async function audit(env: RotationRunEnv, action: RotateAction, event: string, outcome: string, details: Record<string, unknown>): Promise<void> {
  await env.context.audit.append({
    event, district: env.district, configFile: env.loaded.source.file, action: `rotate.${action.step}`, address: action.address, outcome,
    details: { record: action.record, at: env.context.now.toISOString(), ...details },
  });
}

async function managedOrFail(env: RotationRunEnv, name: string): Promise<ManagedRecord> {
  const managed = (await loadManaged(env.context.store, env.district))[name];
  if (managed === undefined) throw new SislinkError('PLAN_STALE', `access record "${name}" is not known to sislink yet; plan again`);
  return managed;
}

/**
 * A manual record is known once its secret reference resolves, even when its instructions were
 * never handed out by an apply (a district in error is not applied): it is recorded at its test.
 */
async function managedForTest(env: RotationRunEnv, action: RotateAction): Promise<ManagedRecord> {
  const managed = (await loadManaged(env.context.store, env.district))[action.record];
  if (managed !== undefined || action.provider !== 'manual' || action.secretRef === null) return managedOrFail(env, action.record);
  return updateManaged(env.context.store, env.district, action.record, (current) => current ?? {
    ...emptyManaged(action.record, action.key, secretNameFor(env.district, action.record, null)),
    origin: 'manual', schoolYear: action.schoolYear, effective: action.effective, expiration: action.expiration, secretRef: action.secretRef,
  });
}

/** create / adopt: the provider's list is the truth, so a record with this name is never created twice. */
async function ensureRecord(env: RotationRunEnv, action: RotateAction): Promise<RotationStepResult> {
  const { record, adopted } = await withProvider(env, async (provider) => {
    const existing = (await provider.list()).find((candidate) => candidate.name === action.record && !candidate.builtIn);
    if (existing !== undefined) return { record: existing, adopted: true };
    const created = await provider.create({ name: action.record, key: action.key, effectiveDate: action.effective ?? env.context.now.toISOString().slice(0, 10), expirationDate: action.expiration });
    return { record: created, adopted: false };
  });
  await updateManaged(env.context.store, env.district, action.record, (current) => {
    if (current?.providerId === record.id) return current;
    return {
      ...emptyManaged(record.name, record.key, secretNameFor(env.district, record.name, record.id)),
      origin: adopted ? 'adopted' : 'created', providerId: record.id, schoolYear: action.schoolYear,
      effective: record.effectiveDate, expiration: record.expirationDate, createdAt: env.context.now.toISOString(),
    };
  });
  const details = { providerId: record.id, key: record.key, effective: record.effectiveDate, expiration: record.expirationDate };
  await audit(env, action, adopted ? 'rotation.adopt' : 'rotation.create', 'done', details);
  return { ok: true, result: { ...details, adopted } };
}

/** Keeps a stored secret; generates one only when none is stored (generating replaces the record's previous one). */
async function storeSecret(env: RotationRunEnv, action: RotateAction): Promise<RotationStepResult> {
  const policy = policyOf(env);
  if (policy.secretStore === undefined) throw new SislinkError('CONFIG_INVALID', 'spec.credentials.rotation.secretStore is not set');
  const managed = await managedOrFail(env, action.record);
  if (managed.providerId === null) throw new SislinkError('PLAN_STALE', `access record "${action.record}" has no provider id; plan again`);
  const store = openSecretStore(policy.secretStore, await secretContext(env.configFile));
  let value = await store.get(managed.secretName);
  const reused = value !== undefined;
  if (value === undefined) {
    const id = managed.providerId;
    await env.journal('generate', async () => {
      value = await withProvider(env, (provider) => provider.generateSecret(id));
      return { generated: true };
    });
  }
  const secret = value ?? '';
  const { ref } = await env.journal('store', async () => ({ ref: await store.put(managed.secretName, secret) }));
  const fingerprint = fingerprintSecret(await env.context.store.stateKey(), secret);
  await updateManaged(env.context.store, env.district, action.record, (current) => ({ ...(current ?? managed), secretRef: ref, test: null }));
  await audit(env, action, 'rotation.secret-stored', 'done', { store: store.spec, secretRef: ref, fingerprint, reused });
  return { ok: true, result: { secretRef: ref, fingerprint, reused } };
}

/** Token + one OneRoster read with the record's key and secret; a failure is recorded with a backoff. */
async function testRecord(env: RotationRunEnv, action: RotateAction): Promise<RotationStepResult> {
  const managed = await managedForTest(env, action);
  const { loaded, context } = env;
  const value = managed.secretRef === null ? undefined : await tryResolveSecret(env.configFile, managed.secretRef);
  const fingerprint = value === undefined ? '' : fingerprintSecret(await context.store.stateKey(), value);
  const outcome = value === undefined
    ? { ok: false, error: `secret reference ${managed.secretRef ?? '(none)'} does not resolve` }
    : await context.testCredential({
      endpoints: resolveEndpoints(loaded.config),
      clientId: managed.key,
      clientSecret: value,
      userAgent: sisUserAgent(loaded.config.metadata.domain, loaded.config.spec.consent.sisSupport),
      vendorAuthorization: await vendorAuthorization(loaded, env.configFile),
    });
  const failures = outcome.ok ? 0 : (managed.test?.failures ?? 0) + 1;
  const test = {
    at: context.now.toISOString(), ok: outcome.ok, fingerprint, failures,
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
    ...(outcome.ok ? {} : { nextAttempt: nextAttemptAfter(context.now, failures) }),
  };
  await updateManaged(context.store, env.district, action.record, (current) => ({ ...(current ?? managed), test }));
  await audit(env, action, 'rotation.test', outcome.ok ? 'passed' : 'failed', { key: managed.key, fingerprint, failures, ...(outcome.error ? { error: outcome.error } : {}), ...(test.nextAttempt ? { nextAttempt: test.nextAttempt } : {}) });
  return { ok: outcome.ok, ...(outcome.error === undefined ? {} : { error: outcome.error }), result: { passed: outcome.ok, failures } };
}

/** Manual provider: the instructions were handed out; the record is then awaited by its secret reference. */
async function instruct(env: RotationRunEnv, action: RotateAction): Promise<RotationStepResult> {
  const at = env.context.now.toISOString();
  await updateManaged(env.context.store, env.district, action.record, (current) => ({
    ...(current ?? emptyManaged(action.record, action.key, secretNameFor(env.district, action.record, null))),
    origin: 'manual', key: action.key, schoolYear: action.schoolYear, effective: action.effective, expiration: action.expiration,
    secretRef: action.secretRef, instructedAt: current?.instructedAt ?? at,
  }));
  await audit(env, action, 'rotation.instruct', 'handed-out', { key: action.key, effective: action.effective, expiration: action.expiration, deadline: action.deadline, secretRef: action.secretRef });
  return { ok: true, result: { deadline: action.deadline } };
}

/** The record the link uses now, as its target knows it. */
async function linkRecord(env: RotationRunEnv): Promise<string | undefined> {
  const link = await linkTarget(env.context.store, env.loaded.config.spec.link.target).observe(env.district);
  return typeof link?.activeRecord === 'string' ? link.activeRecord : undefined;
}

async function retire(env: RotationRunEnv, action: RotateAction): Promise<RotationStepResult> {
  // A recovery retires the expired record the link used after promoting its replacement; a
  // promotion that did not happen (failed test, console step not attested yet) keeps it.
  if ((await linkRecord(env)) === action.record) {
    await audit(env, action, 'rotation.retire', 'skipped', { reason: 'the link still uses it', expiration: action.expiration });
    return { ok: true, result: { retired: null, kept: action.record } };
  }
  if (action.provider === 'sandbox-http') {
    await withProvider(env, async (provider) => {
      const id = action.providerId ?? (await provider.list()).find((record) => record.name === action.record && !record.builtIn)?.id;
      if (id !== undefined) await provider.deactivate(id);
    });
  }
  const at = env.context.now.toISOString();
  await updateManaged(env.context.store, env.district, action.record, (current) => ({
    ...(current ?? { ...emptyManaged(action.record, action.key, secretNameFor(env.district, action.record, action.providerId)), origin: 'config' as const }),
    retiredAt: current?.retiredAt ?? at,
  }));
  await audit(env, action, 'rotation.retire', action.provider === 'manual' ? 'handed-out' : 'done', { reason: action.reason, expiration: action.expiration });
  return { ok: true, result: { retired: action.record } };
}

export async function executeRotateStep(env: RotationRunEnv, action: RotateAction): Promise<RotationStepResult> {
  switch (action.step) {
    case 'create':
    case 'adopt':
      return ensureRecord(env, action);
    case 'secret':
      return storeSecret(env, action);
    case 'test':
      return testRecord(env, action);
    case 'instruct':
      return instruct(env, action);
    case 'retire':
      return retire(env, action);
    case 'promote':
      throw new SislinkError('INTERNAL', 'promotion is carried out by the apply executor');
  }
}

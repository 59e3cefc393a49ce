/**
 * Observation: the only place that reads the outside world before planning. Secrets are resolved
 * just in time, fingerprinted with the state's key, used for the credential test and dropped.
 */
import { dirname, resolve } from 'node:path';
import type { AccessRecordSpec, LoadedDistrict } from '../config/types.js';
import { buildDesired, candidateRecords, currentRecord, type DesiredDistrict } from '../plan/desired.js';
import type { ObservedDistrict } from '../plan/planner.js';
import type { SensitiveValue } from '../plan/types.js';
import { linkTarget, type LinkTargetId } from '../providers/link-targets.js';
import { sisUserAgent } from '../providers/user-agent.js';
import { fingerprintSecret } from '../secrets/fingerprint.js';
import { findRepoRoot, resolveSecretRef } from '../secrets/refs.js';
import { dateInZone } from '../util/dates.js';
import { getVendorProfile, resolveEndpoints } from '../vendors/index.js';
import type { ResolvedSisEndpoints } from '../vendors/types.js';
import type { ReconcileContext } from './context.js';
import { observeRotation, type RotationObservation } from '../rotation/observe.js';
import { promotableRecords } from '../rotation/records.js';

export interface Observation {
  name: string;
  desired: DesiredDistrict | undefined;
  observed: ObservedDistrict;
  vendorName: string | undefined;
  /** Absolute path of the district's file, when it has one. */
  configFile: string | undefined;
}

export interface ObserveOptions {
  /** Plan without sending any credential anywhere (e.g. a pull request that changes the host). */
  skipCredentialTests?: boolean;
}

export async function secretContext(configFile: string) {
  return { configFile, repoRoot: await findRepoRoot(dirname(configFile)) };
}

/** Resolves a secret reference of a district file; undefined when it does not resolve. */
export async function tryResolveSecret(configFile: string, ref: string): Promise<string | undefined> {
  try {
    return await resolveSecretRef(ref, await secretContext(configFile));
  } catch {
    return undefined;
  }
}

function tryEndpoints(loaded: LoadedDistrict): ResolvedSisEndpoints | undefined {
  try {
    return resolveEndpoints(loaded.config);
  } catch {
    return undefined;
  }
}

export async function vendorAuthorization(loaded: LoadedDistrict, configFile: string): Promise<string | undefined> {
  const extras = loaded.config.spec.sis.infiniteCampus;
  if (extras?.vendorKey === undefined || extras.vendorSecret === undefined) return undefined;
  const key = await tryResolveSecret(configFile, extras.vendorKey);
  const secret = await tryResolveSecret(configFile, extras.vendorSecret);
  return key === undefined || secret === undefined ? undefined : `${key}:${secret}`;
}

export async function observeDistrict(
  context: ReconcileContext,
  name: string,
  loaded: LoadedDistrict | undefined,
  fallbackTarget: LinkTargetId,
  options: ObserveOptions = {},
): Promise<Observation> {
  const configFile = loaded === undefined ? undefined : resolve(context.cwd, loaded.source.file);
  let secretValue: string | undefined;
  let endpoints: ResolvedSisEndpoints | undefined;
  let desired: DesiredDistrict | undefined;
  let record: AccessRecordSpec | undefined;
  let rotation: RotationObservation | undefined;
  if (loaded !== undefined && configFile !== undefined) {
    const key = await context.store.stateKey();
    endpoints = tryEndpoints(loaded);
    const today = dateInZone(context.now, loaded.config.metadata.timezone);
    rotation = await observeRotation({
      store: context.store, district: name, loaded, now: context.now, stateKey: key,
      resolveRef: (ref) => tryResolveSecret(configFile, ref), offline: options.skipCredentialTests,
    });
    // Only rotation records that passed their test may become the link's record.
    const testedRecords = rotation === undefined ? [] : promotableRecords(rotation.known);
    record = currentRecord(candidateRecords(loaded, testedRecords), today);
    if (record !== undefined) secretValue = await tryResolveSecret(configFile, record.secret);
    const sensitive = (spec: AccessRecordSpec): SensitiveValue | undefined =>
      secretValue === undefined ? undefined : { sensitive: true, ref: spec.secret, fingerprint: fingerprintSecret(key, secretValue) };
    desired = buildDesired(loaded, context.now, endpoints, sensitive, { testedRecords, rotation: rotation?.desired });
  }
  const target = linkTarget(context.store, desired?.target ?? fallbackTarget);
  const observed: ObservedDistrict = {
    name,
    target: target.id,
    link: await target.observe(name),
    credentialCheck: undefined,
    pendingSteps: await target.pendingSteps(name),
    ...(rotation === undefined ? {} : { rotation: rotation.observed }),
  };
  const secret = desired?.fields?.secret;
  if (loaded && configFile && endpoints && record && secretValue !== undefined && desired?.enabled && !options.skipCredentialTests) {
    const result = await context.testCredential({
      endpoints,
      clientId: record.key,
      clientSecret: secretValue,
      userAgent: sisUserAgent(loaded.config.metadata.domain, loaded.config.spec.consent.sisSupport),
      vendorAuthorization: await vendorAuthorization(loaded, configFile),
    });
    const fingerprint = typeof secret === 'object' && secret !== null ? secret.fingerprint : '';
    observed.credentialCheck = { record: record.name, fingerprint, ok: result.ok, ...(result.error ? { error: result.error } : {}) };
  }
  secretValue = undefined;
  const vendorName = loaded === undefined ? undefined : getVendorProfile(loaded.config.spec.vendor).displayName;
  return { name, desired, observed, vendorName, configFile };
}

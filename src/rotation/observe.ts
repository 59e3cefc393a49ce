/**
 * Observation for rotation: sislink's bookkeeping, the provider's list (the truth about which
 * records exist) and a fingerprint of each managed record's stored secret. Read-only: no test,
 * no write; a provider that cannot be reached is reported, never guessed around.
 */
import type { LoadedDistrict } from '../config/types.js';
import { openAccessRecordProvider } from '../providers/access-records/index.js';
import type { ProviderRecord } from '../providers/access-records/types.js';
import { fingerprintSecret } from '../secrets/fingerprint.js';
import type { StateStore } from '../state/types.js';
import { dateInZone } from '../util/dates.js';
import { getVendorProfile } from '../vendors/index.js';
import { manualSecretRef } from '../providers/access-records/manual.js';
import { recordName, schoolYearOf } from './calendar.js';
import { secretNameFor } from './secret-names.js';
import { loadManaged } from './state.js';
import { knownRecords, type KnownRecord } from './records.js';
import type { ManagedRecords, RotationDesired, RotationObserved } from './types.js';

export interface RotationObservation {
  desired: RotationDesired;
  observed: RotationObserved;
  known: KnownRecord[];
}

export interface RotationObserveInput {
  store: StateStore;
  district: string;
  loaded: LoadedDistrict;
  now: Date;
  stateKey: Buffer;
  /** Resolves a secret reference of the district file; undefined when it does not resolve. */
  resolveRef: (ref: string) => Promise<string | undefined>;
  /** Skip the provider's list (e.g. planning without network access). */
  offline?: boolean;
}

export function rotationDesired(loaded: LoadedDistrict, now: Date): RotationDesired | undefined {
  const { metadata, spec } = loaded.config;
  const policy = spec.credentials.rotation;
  if (policy === undefined) return undefined;
  return {
    policy,
    provider: policy.provider,
    vendor: spec.vendor,
    baseKey: policy.key ?? getVendorProfile(spec.vendor).defaultKey ?? 'sislink',
    today: dateInZone(now, metadata.timezone),
    now: now.toISOString(),
    configRecords: spec.credentials.records.map((record) => ({
      name: record.name, key: record.key, secret: record.secret, effective: record.effective, expiration: record.expiration ?? null,
    })),
  };
}

async function listProvider(input: RotationObserveInput, desired: RotationDesired): Promise<{ provider: ProviderRecord[] | null; providerError: string | null }> {
  if (desired.provider === 'manual') return { provider: null, providerError: null };
  if (input.offline === true) return { provider: null, providerError: 'not asked: this plan sends no credential anywhere' };
  try {
    const provider = await openAccessRecordProvider(desired.policy, input.resolveRef);
    if (provider === undefined) return { provider: null, providerError: null };
    try {
      return { provider: await provider.list(), providerError: null };
    } finally {
      await provider.close();
    }
  } catch (error) {
    return { provider: null, providerError: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Manual provider: the secrets a person stored where the policy says (current and next school
 * year), for records sislink does not track yet, so following the instructions is enough even
 * when no apply recorded that they were handed out.
 */
async function storedByPerson(input: RotationObserveInput, desired: RotationDesired, managed: ManagedRecords): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  const year = schoolYearOf(desired.policy, desired.today);
  for (const name of [recordName(desired.policy, year), recordName(desired.policy, year + 1)]) {
    if (name in managed || desired.configRecords.some((record) => record.name === name)) continue;
    const ref = manualSecretRef(desired.policy.secretStore, secretNameFor(input.district, name, null));
    const value = ref === undefined ? undefined : await input.resolveRef(ref);
    if (value !== undefined) found[name] = fingerprintSecret(input.stateKey, value);
  }
  return found;
}

export async function observeRotation(input: RotationObserveInput): Promise<RotationObservation | undefined> {
  const desired = rotationDesired(input.loaded, input.now);
  if (desired === undefined) return undefined;
  const managed = await loadManaged(input.store, input.district);
  const secrets: Record<string, string | null> = {};
  for (const record of Object.values(managed)) {
    if (record.retiredAt !== null || record.secretRef === null) continue;
    const value = await input.resolveRef(record.secretRef);
    secrets[record.name] = value === undefined ? null : fingerprintSecret(input.stateKey, value);
  }
  if (desired.provider === 'manual') Object.assign(secrets, await storedByPerson(input, desired, managed));
  const observed: RotationObserved = { managed, secrets, ...(await listProvider(input, desired)) };
  return { desired, observed, known: knownRecords(desired, observed) };
}

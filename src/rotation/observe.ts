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
import { loadManaged } from './state.js';
import { knownRecords, type KnownRecord } from './records.js';
import type { RotationDesired, RotationObserved } from './types.js';

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
  const observed: RotationObserved = { managed, secrets, ...(await listProvider(input, desired)) };
  return { desired, observed, known: knownRecords(desired, observed) };
}

/**
 * The records a district knows of, merged from the district file, sislink's own bookkeeping and
 * the provider's list (the truth about which records exist and are active). Pure.
 */
import type { AccessRecordSpec } from '../config/types.js';
import type { ProviderRecord } from '../providers/access-records/types.js';
import { recordKey, recordWindow, schoolYearOfName } from './calendar.js';
import type { ManagedRecord, RotationDesired, RotationObserved } from './types.js';

export interface KnownRecord {
  name: string;
  key: string;
  effective: string | null;
  expiration: string | null;
  /** Declared in the district file. */
  config: boolean;
  managed: ManagedRecord | undefined;
  provider: ProviderRecord | undefined;
  /** The provider says Is Active (when it lists the record), else not retired by sislink. */
  active: boolean;
  secretRef: string | null;
  /** Fingerprint of the secret the reference resolves to now (managed records). */
  fingerprint: string | null;
  /** A test passed with the secret the reference holds now. */
  tested: boolean;
  /** The last test failed. */
  failed: boolean;
}

function isOurs(desired: RotationDesired, observed: RotationObserved, record: ProviderRecord): boolean {
  if (record.builtIn) return false;
  if (desired.configRecords.some((config) => config.name === record.name)) return true;
  return record.name in observed.managed || schoolYearOfName(desired.policy, record.name) !== undefined;
}

function policyRecord(desired: RotationDesired, name: string): { key: string; effective: string; expiration: string } | undefined {
  const year = schoolYearOfName(desired.policy, name);
  return year === undefined ? undefined : { key: recordKey(desired.baseKey, year), ...recordWindow(desired.policy, year) };
}

export function knownRecords(desired: RotationDesired, observed: RotationObserved): KnownRecord[] {
  const names = new Set<string>([
    ...desired.configRecords.map((record) => record.name),
    ...Object.keys(observed.managed),
    ...Object.keys(observed.secrets).filter((name) => observed.secrets[name] != null),
    ...(observed.provider ?? []).filter((record) => isOurs(desired, observed, record)).map((record) => record.name),
  ]);
  return [...names].map((name) => {
    const config = desired.configRecords.find((record) => record.name === name);
    const managed = observed.managed[name];
    const provider = observed.provider?.find((record) => record.name === name && !record.builtIn);
    const fingerprint = observed.secrets[name] ?? null;
    const test = managed?.test ?? null;
    const active = provider !== undefined ? provider.isActive : managed?.retiredAt == null;
    // Known only by a stored secret (manual provider): the policy's key and window for its year.
    const planned = config === undefined && managed === undefined && provider === undefined ? policyRecord(desired, name) : undefined;
    return {
      name,
      key: provider?.key ?? config?.key ?? managed?.key ?? planned?.key ?? '',
      effective: config?.effective ?? provider?.effectiveDate ?? managed?.effective ?? planned?.effective ?? null,
      expiration: config !== undefined ? config.expiration : (provider?.expirationDate ?? managed?.expiration ?? planned?.expiration ?? null),
      config: config !== undefined,
      managed,
      provider,
      active,
      secretRef: config?.secret ?? managed?.secretRef ?? null,
      fingerprint,
      tested: test !== null && test.ok && fingerprint !== null && test.fingerprint === fingerprint,
      failed: test !== null && !test.ok,
    };
  });
}

export function covers(record: Pick<KnownRecord, 'effective' | 'expiration'>, from: string, to: string): boolean {
  return (record.effective === null || record.effective <= from) && (record.expiration === null || record.expiration >= to);
}

export function isExpired(record: Pick<KnownRecord, 'expiration'>, today: string): boolean {
  return record.expiration !== null && today > record.expiration;
}

/** The record the link uses, when it has expired by `today`: the link no longer works. */
export function expiredLinkRecord(known: readonly KnownRecord[], active: string | undefined, today: string): KnownRecord | undefined {
  return active === undefined ? undefined : known.find((record) => record.name === active && isExpired(record, today));
}

/** Records the link may use: declared in the file, or managed and tested with their current secret. */
export function isUsable(record: KnownRecord): boolean {
  return record.active && (record.config || record.tested);
}

/**
 * Rotation-managed records that passed their test, as access records the link may switch to.
 * Records also declared in the file are left to the file.
 */
export function promotableRecords(known: KnownRecord[]): AccessRecordSpec[] {
  return known
    .filter((record) => !record.config && record.tested && record.active && record.secretRef !== null && record.effective !== null)
    .map((record) => ({
      name: record.name,
      key: record.key,
      secret: record.secretRef ?? '',
      effective: record.effective ?? '',
      ...(record.expiration === null ? {} : { expiration: record.expiration }),
    }));
}

/** Rotation data: what sislink remembers per record, what it observed, what the policy wants. */
import type { AccessRecordProviderId, RotationPolicy, VendorId } from '../config/types.js';
import type { ProviderRecord } from '../providers/access-records/types.js';

export interface TestRecord {
  /** ISO instant of the last test (the run's clock). */
  at: string;
  ok: boolean;
  /** Fingerprint of the secret that was tested; a test counts only for that secret. */
  fingerprint: string;
  error?: string;
  /** Consecutive failures; 0 after a pass. */
  failures: number;
  /** ISO instant before which a failed test is not retried (backoff). */
  nextAttempt?: string;
}

/** A record sislink created, adopted, handed out (manual) or retired. Kept in the state store. */
export interface ManagedRecord {
  name: string;
  key: string;
  schoolYear: number | null;
  effective: string | null;
  expiration: string | null;
  origin: 'created' | 'adopted' | 'manual' | 'config';
  providerId: string | null;
  /** Name under which the secret is kept in the district's secret store. */
  secretName: string;
  /** Reference that reads the stored secret back; set once it is stored (or named, for manual). */
  secretRef: string | null;
  createdAt: string | null;
  /** Manual provider: when the instructions were handed out. */
  instructedAt: string | null;
  test: TestRecord | null;
  promotedAt: string | null;
  retiredAt: string | null;
}

export type ManagedRecords = Record<string, ManagedRecord>;

/** The policy side, from the district file and the clock (part of the desired state). */
export interface RotationDesired {
  policy: RotationPolicy;
  provider: AccessRecordProviderId;
  vendor: VendorId;
  /** Key new records derive from (policy.key or the vendor's default key). */
  baseKey: string;
  /** The district's date (YYYY-MM-DD) and the run's instant. */
  today: string;
  now: string;
  /** Records declared in the district file. */
  configRecords: { name: string; key: string; secret: string; effective: string; expiration: string | null }[];
}

/** What observation found (part of the observed state, so it is in the plan's base). */
export interface RotationObserved {
  managed: ManagedRecords;
  /** The provider's records; null for `manual` or when listing failed. */
  provider: ProviderRecord[] | null;
  providerError: string | null;
  /**
   * Per managed record name: fingerprint of the secret its reference resolves to, or null. With
   * the manual provider also the records a person stored a secret for where the policy says.
   */
  secrets: Record<string, string | null>;
}

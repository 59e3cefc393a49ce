/**
 * Integration Access records (modelled on Skyward Qmlativ): a named key with a secret shown once,
 * an active flag and an effective/expiration window. The token endpoint and OAuth 1.0a signatures
 * accept a record's credentials only while it is usable at the sandbox clock's date.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { registerSecret } from '../../secrets/redact.js';

export type AuthType = 'OAuth 2.0';

export interface AccessRecord {
  id: string;
  name: string;
  key: string;
  authType: AuthType;
  isActive: boolean;
  effectiveDate: string | null;
  expirationDate: string | null;
  /** When set, the record's credentials fail even inside their window (simulates a failed credential test). */
  rejectTokens: boolean;
  builtIn: boolean;
  secret: string | null;
  secretGeneratedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The record as the admin API shows it: never the secret. */
export type PublicAccessRecord = Omit<AccessRecord, 'secret'> & { hasSecret: boolean };

export type Unusable = 'inactive' | 'not-yet-effective' | 'expired' | 'rejected' | 'no-secret';

export function publicRecord(record: AccessRecord): PublicAccessRecord {
  const { secret, ...rest } = record;
  return { ...rest, hasSecret: secret !== null };
}

export function newSecret(): string {
  const secret = randomBytes(32).toString('base64url');
  registerSecret(secret);
  return secret;
}

export function newRecordId(): string {
  return `ar-${randomUUID()}`;
}

/** Why a record cannot be used on `today` (YYYY-MM-DD), or null when it can. */
export function unusableReason(record: AccessRecord, today: string): Unusable | null {
  if (!record.isActive) return 'inactive';
  if (record.rejectTokens) return 'rejected';
  if (record.secret === null) return 'no-secret';
  if (record.effectiveDate !== null && today < record.effectiveDate) return 'not-yet-effective';
  if (record.expirationDate !== null && today > record.expirationDate) return 'expired';
  return null;
}

export function secretMatches(record: AccessRecord, secret: string): boolean {
  if (record.secret === null) return false;
  const expected = Buffer.from(record.secret, 'utf8');
  const given = Buffer.from(secret, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** One year after a YYYY-MM-DD date (29 February maps to 1 March). */
export function oneYearAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

export class AccessRecordBook {
  private readonly records = new Map<string, AccessRecord>();
  private readonly byKey = new Map<string, string>();

  constructor(records: AccessRecord[] = []) {
    for (const record of records) this.add(record);
  }

  list(): AccessRecord[] {
    return [...this.records.values()];
  }

  get(id: string): AccessRecord | undefined {
    return this.records.get(id);
  }

  findByKey(key: string): AccessRecord | undefined {
    const id = this.byKey.get(key);
    return id === undefined ? undefined : this.records.get(id);
  }

  add(record: AccessRecord): void {
    this.records.set(record.id, record);
    this.byKey.set(record.key, record.id);
  }

  remove(id: string): boolean {
    const record = this.records.get(id);
    if (!record) return false;
    this.records.delete(id);
    this.byKey.delete(record.key);
    return true;
  }
}

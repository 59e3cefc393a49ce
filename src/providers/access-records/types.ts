/**
 * Access-record providers: who creates, keys and deactivates a district's Integration Access
 * records. `sandbox-http` speaks the HTTP contract of docs/access-records-api.md; `manual` tells a
 * person what to do in the vendor's console (see manual.ts) and has no automatic verbs.
 */

/** A record as the provider reports it. Never holds a secret. */
export interface ProviderRecord {
  id: string;
  name: string;
  key: string;
  isActive: boolean;
  effectiveDate: string | null;
  expirationDate: string | null;
  hasSecret: boolean;
  builtIn: boolean;
}

export interface NewRecord {
  name: string;
  key: string;
  effectiveDate: string;
  expirationDate: string | null;
}

export interface AccessRecordProvider {
  readonly id: 'sandbox-http';
  /** Every record, in the provider's order: the truth about which records exist. */
  list(): Promise<ProviderRecord[]>;
  create(record: NewRecord): Promise<ProviderRecord>;
  /** Generates a new secret (replacing the previous one) and returns it once. */
  generateSecret(id: string): Promise<string>;
  /** Idempotent. */
  deactivate(id: string): Promise<ProviderRecord>;
  close(): Promise<void>;
}

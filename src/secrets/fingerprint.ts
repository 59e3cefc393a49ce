/**
 * Keyed fingerprints let a plan say "secret changed" without holding the secret: HMAC-SHA256
 * under a per-state key, shortened. Without the key a fingerprint cannot be brute-forced offline.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const FINGERPRINT_PREFIX = 'hmac-sha256:';

/** `hmac-sha256:` + the first 16 hex characters of HMAC-SHA256(key, value). */
export function fingerprintSecret(key: Buffer, value: string): string {
  if (key.length === 0) throw new RangeError('fingerprint key must not be empty');
  return `${FINGERPRINT_PREFIX}${createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 16)}`;
}

/** A fresh 32-byte fingerprint key for a new state store. */
export function generateFingerprintKey(): Buffer {
  return randomBytes(32);
}

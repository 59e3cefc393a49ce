import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprintSecret, generateFingerprintKey } from '../../src/secrets/fingerprint.js';

describe('fingerprintSecret', () => {
  const key = Buffer.from('state-key-0123456789abcdef', 'utf8');

  it('is HMAC-SHA256 hex, first 16 characters, prefixed', () => {
    const expected = createHmac('sha256', key).update('s3cret', 'utf8').digest('hex').slice(0, 16);
    expect(fingerprintSecret(key, 's3cret')).toBe(`hmac-sha256:${expected}`);
    expect(fingerprintSecret(key, 's3cret')).toMatch(/^hmac-sha256:[0-9a-f]{16}$/);
  });

  it('changes with the value and with the key, and is stable otherwise', () => {
    expect(fingerprintSecret(key, 'a')).toBe(fingerprintSecret(key, 'a'));
    expect(fingerprintSecret(key, 'a')).not.toBe(fingerprintSecret(key, 'b'));
    expect(fingerprintSecret(key, 'a')).not.toBe(fingerprintSecret(Buffer.from('other-key'), 'a'));
  });

  it('refuses an empty key, and fresh keys differ', () => {
    expect(() => fingerprintSecret(Buffer.alloc(0), 'a')).toThrow(RangeError);
    expect(generateFingerprintKey()).toHaveLength(32);
    expect(generateFingerprintKey().equals(generateFingerprintKey())).toBe(false);
  });
});

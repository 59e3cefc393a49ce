import { afterEach, describe, expect, it } from 'vitest';
import { clearRegisteredSecrets, redact, registerBasicCredentials, registerSecret, REDACTED } from '../../src/secrets/redact.js';

afterEach(() => clearRegisteredSecrets());

describe('redact', () => {
  it('scrubs a registered value and its encoded forms', () => {
    const secret = 'canary-S3cr3t/with+chars=';
    registerSecret(secret);
    const lines = [
      `plain ${secret}`,
      `uri ${encodeURIComponent(secret)}`,
      `b64 ${Buffer.from(secret).toString('base64')}`,
      `b64url ${Buffer.from(secret).toString('base64url')}`,
      `hex ${Buffer.from(secret).toString('hex')}`,
    ];
    for (const line of lines) {
      const out = redact(line);
      expect(out).toContain(REDACTED);
      expect(out).not.toContain(secret);
    }
  });

  it('scrubs HTTP Basic credentials', () => {
    registerBasicCredentials('GOOGLE', 'canary-basic-secret');
    const header = `Basic ${Buffer.from('GOOGLE:canary-basic-secret').toString('base64')}`;
    expect(redact(header)).toBe(`Basic ${REDACTED}`);
  });

  it('leaves text alone when nothing is registered', () => {
    expect(redact('nothing to hide')).toBe('nothing to hide');
  });

  it('scrubs the longest form at each position, every occurrence, and keeps the rest of the text', () => {
    registerSecret('abcd1234');
    registerSecret('abcd1234567');
    registerSecret('zz-other-secret');
    expect(redact('xabcd1234567y abcd1234! zz-other-secretzz-other-secret abc')).toBe(`x${REDACTED}y ${REDACTED}! ${REDACTED}${REDACTED} abc`);
    expect(redact('abcd')).toBe('abcd');
  });

  it('stays exact with thousands of registered secrets (a fleet)', () => {
    const secrets = Array.from({ length: 3000 }, (_, i) => `district-${i}-secret-${(i * 7919).toString(36)}`);
    for (const secret of secrets) registerSecret(secret);
    const line = `token for ${secrets[1234]} and ${Buffer.from(secrets[2999]!).toString('base64')} on 2026-11-28`;
    expect(redact(line)).toBe(`token for ${REDACTED} and ${REDACTED} on 2026-11-28`);
  });
});

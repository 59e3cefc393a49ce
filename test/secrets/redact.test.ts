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
});

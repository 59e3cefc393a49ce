import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableError, isRetryableStatus, parseRetryAfter } from '../../src/http/retry.js';

const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

describe('retry policy', () => {
  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:10 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('uses full jitter bounded by the exponential ceiling and the maximum', () => {
    expect(backoffDelay(policy, 1, undefined, () => 0.999)).toBe(99);
    expect(backoffDelay(policy, 3, undefined, () => 0.999)).toBe(399);
    expect(backoffDelay(policy, 10, undefined, () => 0.999)).toBe(999);
    expect(backoffDelay(policy, 3, undefined, () => 0)).toBe(0);
  });

  it('prefers Retry-After but caps it', () => {
    expect(backoffDelay(policy, 1, 2000)).toBe(2000);
    expect(backoffDelay(policy, 1, 3_600_000)).toBe(5000);
  });

  it('classifies statuses and connection errors', () => {
    expect([429, 502, 503, 504].every((s) => isRetryableStatus(s))).toBe(true);
    expect([400, 401, 403, 404, 422, 500].some((s) => isRetryableStatus(s))).toBe(false);
    expect(isRetryableStatus(500, { ...policy, statuses: [500] })).toBe(true);
    expect(isRetryableError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryableError(new Error('x', { cause: { code: 'UND_ERR_SOCKET' } }))).toBe(true);
    expect(isRetryableError(Object.assign(new Error('x'), { code: 'ENOTFOUND' }))).toBe(false);
  });
});

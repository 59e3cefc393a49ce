import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter, type LimiterClock } from '../../src/classroom/index.js';
import { collect, makeRoster, startEmulator, type Harness } from './helpers.js';

/** A clock that only moves when someone sleeps: waits are counted, never felt. */
function virtualClock(): LimiterClock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('rate limiter', () => {
  it('lets a burst through, then spaces requests to stay within the per-minute budget', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ perMinute: 60, perUserPerMinute: 1000, burstShare: 0.1 }, clock);
    const order: number[] = [];
    const times: number[] = [];
    await Promise.all(Array.from({ length: 30 }, (_, i) => limiter.acquire('admin').then(() => {
      order.push(i);
      times.push(clock.now());
    })));
    expect(order).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const stats = limiter.stats();
    expect(stats.acquired).toBe(30);
    expect(stats.delayed).toBe(24); // a burst of 6, then one wait each
    // No 60-second window holds more than 60 requests: here, the first minute holds at most 60.
    expect(times.filter((t) => t < 60_000).length).toBeLessThanOrEqual(60);
    expect(times.at(-1)).toBeGreaterThan(0);
  });

  it('keeps a separate, smaller budget per impersonated user', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ perMinute: 600, perUserPerMinute: 20, burstShare: 0.1 }, clock);
    for (let i = 0; i < 4; i++) await limiter.acquire('a@x.edu');
    const afterA = limiter.stats().delayed;
    for (let i = 0; i < 2; i++) await limiter.acquire('b@x.edu');
    expect(afterA).toBe(2); // user burst of 2, then waits
    expect(limiter.stats().delayed).toBe(2); // b has its own bucket
    expect(limiter.stats().acquired).toBe(6);
  });

  it('never lets more than the budget through in any window', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ perMinute: 120, perUserPerMinute: 120 }, clock);
    const times: number[] = [];
    for (let i = 0; i < 400; i++) {
      await limiter.acquire('u');
      times.push(clock.now());
    }
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + 60_000).length;
      expect(inWindow).toBeLessThanOrEqual(120);
    }
  });
});

describe('client with a tiny budget against the emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startEmulator({ roster: makeRoster(12), seed: 5 });
  });
  afterAll(() => h.close());

  it('waits in the limiter and still serves every page', async () => {
    // 6,000/min with a burst of 3: the limiter must hold some of these 12+ requests back.
    const client = h.client({ rateLimit: { perMinute: 6000, perUserPerMinute: 6000, burstShare: 0.0005 }, pageSize: 1 });
    const courses = await collect(client.courses());
    expect(courses).toHaveLength(12);
    const stats = client.stats();
    expect(stats.rateLimit.acquired).toBe(12);
    expect(stats.rateLimit.delayed).toBeGreaterThan(0);
    expect(stats.http.requests.GET).toBe(12);
  });
});

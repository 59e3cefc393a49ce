/**
 * Client-side quota keeping: one token bucket for the client and one per impersonated user. Each
 * bucket holds a small burst and refills so that no 60-second window ever sees more than the
 * per-minute budget (burst + refill over a minute = budget). Callers are served first come, first
 * served: a waiting request never lets a later one overtake it.
 */
export interface RateLimitOptions {
  /** Requests per minute for the whole client (Classroom: 3,000). */
  perMinute: number;
  /** Requests per minute per impersonated user (Classroom: 1,200). */
  perUserPerMinute: number;
  /** Share of the budget usable at once; default 0.1. */
  burstShare?: number;
}

export const CLASSROOM_QUOTA: RateLimitOptions = { perMinute: 3000, perUserPerMinute: 1200 };

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface RateLimiterStats {
  /** Requests let through. */
  acquired: number;
  /** Of those, how many had to wait. */
  delayed: number;
  waitedMs: number;
}

export interface RateLimiter {
  /** Resolves when one more request for `user` fits in both budgets. */
  acquire(user: string): Promise<void>;
  stats(): RateLimiterStats;
}

interface Bucket {
  capacity: number;
  perMs: number;
  tokens: number;
  at: number;
}

const MINUTE_MS = 60_000;

function makeBucket(perMinute: number, burstShare: number, now: number): Bucket {
  const capacity = Math.max(1, Math.min(perMinute, Math.floor(perMinute * burstShare)));
  const perMs = Math.max(perMinute - capacity, 1) / MINUTE_MS;
  return { capacity, perMs, tokens: capacity, at: now };
}

function refill(bucket: Bucket, now: number): void {
  if (now <= bucket.at) return;
  bucket.tokens = Math.min(bucket.capacity, bucket.tokens + (now - bucket.at) * bucket.perMs);
  bucket.at = now;
}

function waitFor(bucket: Bucket): number {
  return bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) / bucket.perMs);
}

const realClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function createRateLimiter(options: RateLimitOptions, clock: LimiterClock = realClock): RateLimiter {
  const burstShare = options.burstShare ?? 0.1;
  const client = makeBucket(options.perMinute, burstShare, clock.now());
  const users = new Map<string, Bucket>();
  const stats: RateLimiterStats = { acquired: 0, delayed: 0, waitedMs: 0 };
  let queue: Promise<void> = Promise.resolve();

  async function take(user: string): Promise<void> {
    let bucket = users.get(user);
    if (bucket === undefined) {
      bucket = makeBucket(options.perUserPerMinute, burstShare, clock.now());
      users.set(user, bucket);
    }
    let waited = false;
    for (;;) {
      const now = clock.now();
      refill(client, now);
      refill(bucket, now);
      const wait = Math.max(waitFor(client), waitFor(bucket));
      if (wait === 0) break;
      waited = true;
      stats.waitedMs += wait;
      await clock.sleep(wait);
    }
    client.tokens -= 1;
    bucket.tokens -= 1;
    stats.acquired++;
    if (waited) stats.delayed++;
  }

  function acquire(user: string): Promise<void> {
    const turn = queue.then(() => take(user));
    queue = turn.catch(() => undefined);
    return turn;
  }

  return { acquire, stats: () => ({ ...stats }) };
}

/** A limiter that never waits (rateLimit: false). */
export function unlimited(): RateLimiter {
  let acquired = 0;
  return {
    acquire: async () => {
      acquired++;
    },
    stats: () => ({ acquired, delayed: 0, waitedMs: 0 }),
  };
}

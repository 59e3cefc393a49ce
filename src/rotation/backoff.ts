/** Backoff for failed credential tests: 1 h, 2 h, 4 h ... at most a day, so runs never loop tightly. */
const HOUR_MS = 3_600_000;
const MAX_MS = 24 * HOUR_MS;

export function nextAttemptAfter(now: Date, failures: number): string {
  const delay = Math.min(HOUR_MS * 2 ** Math.max(0, failures - 1), MAX_MS);
  return new Date(now.getTime() + delay).toISOString();
}

/** A failed test may be retried when no next-attempt time is set or it has come. */
export function mayRetry(nextAttempt: string | undefined, now: string): boolean {
  return nextAttempt === undefined || Date.parse(now) >= Date.parse(nextAttempt);
}

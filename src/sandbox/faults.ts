/**
 * Fault injection (--faults). Request n (counting every non-admin request) draws from its own
 * seeded stream, so the same seed and spec always give the same fault for the same request number.
 *
 * Spec: comma-separated `name=value`: 429, 500, 503, drop, tokenExpiry are shares in [0, 1];
 * latency is `20ms`, `5-50ms` or `0.1s`; retryAfter is whole seconds for 429 responses (default 1).
 */
import { SislinkError } from '../errors.js';
import { mixSeed, mulberry32 } from './prng.js';

export type FaultKind = 'none' | '429' | '500' | '503' | 'drop';

export interface FaultSpec {
  rate429: number;
  rate500: number;
  rate503: number;
  drop: number;
  tokenExpiry: number;
  latencyMinMs: number;
  latencyMaxMs: number;
  retryAfterSeconds: number;
}

export interface FaultDecision {
  kind: FaultKind;
  latencyMs: number;
  expireToken: boolean;
}

export interface FaultInjector {
  readonly spec: FaultSpec;
  /** The decision for the next request (advances the counter). */
  next(): FaultDecision;
  /** The decision for request number n (1-based), without touching the counter. */
  decide(n: number): FaultDecision;
  reset(): void;
}

const SHARES = { '429': 'rate429', '500': 'rate500', '503': 'rate503', drop: 'drop', tokenExpiry: 'tokenExpiry' } as const;

function share(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new SislinkError('USAGE', `--faults: ${name} must be a share between 0 and 1, got "${value}"`);
  return n;
}

function duration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(value.trim());
  if (!match) throw new SislinkError('USAGE', `--faults: latency "${value}" is not a duration such as 20ms or 0.1s`);
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = { rate429: 0, rate500: 0, rate503: 0, drop: 0, tokenExpiry: 0, latencyMinMs: 0, latencyMaxMs: 0, retryAfterSeconds: 1 };
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (name in SHARES) {
      spec[SHARES[name as keyof typeof SHARES]] = share(name, value);
    } else if (name === 'latency') {
      const [low, high] = value.split('-');
      const unit = /(ms|s)$/.exec(value)?.[1] ?? 'ms';
      spec.latencyMinMs = duration(high === undefined ? low! : /(ms|s)$/.test(low!) ? low! : `${low}${unit}`);
      spec.latencyMaxMs = high === undefined ? spec.latencyMinMs : duration(high);
      if (spec.latencyMaxMs < spec.latencyMinMs) throw new SislinkError('USAGE', `--faults: latency range "${value}" is reversed`);
    } else if (name === 'retryAfter') {
      const seconds = Number(value);
      if (!Number.isInteger(seconds) || seconds < 0) throw new SislinkError('USAGE', `--faults: retryAfter must be whole seconds >= 0, got "${value}"`);
      spec.retryAfterSeconds = seconds;
    } else {
      throw new SislinkError('USAGE', `--faults: unknown fault "${name}" (known: 429, 500, 503, drop, tokenExpiry, latency, retryAfter)`);
    }
  }
  if (spec.rate429 + spec.rate500 + spec.rate503 + spec.drop > 1) throw new SislinkError('USAGE', '--faults: the shares of 429, 500, 503 and drop add up to more than 1');
  return spec;
}

export function createFaultInjector(spec: FaultSpec, seed: number): FaultInjector {
  let counter = 0;
  function decide(n: number): FaultDecision {
    const random = mulberry32(mixSeed(seed, n));
    const u = random();
    let kind: FaultKind = 'none';
    let edge = spec.rate429;
    if (u < edge) kind = '429';
    else if (u < (edge += spec.rate503)) kind = '503';
    else if (u < (edge += spec.rate500)) kind = '500';
    else if (u < (edge += spec.drop)) kind = 'drop';
    const expireToken = random() < spec.tokenExpiry;
    const latencyMs = spec.latencyMinMs + Math.floor(random() * (spec.latencyMaxMs - spec.latencyMinMs + 1));
    return { kind, latencyMs, expireToken };
  }
  return {
    spec,
    next: () => decide(++counter),
    decide,
    reset: () => {
      counter = 0;
    },
  };
}

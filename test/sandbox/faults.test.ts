import { describe, expect, it } from 'vitest';
import { createFaultInjector, parseFaultSpec, type SandboxHandle } from '../../src/sandbox/index.js';
import { admin, call, startTiny, token } from './helpers.js';

const SPEC = '429=0.2,503=0.1,500=0.05,drop=0.05,retryAfter=0';

async function statusSequence(sandbox: SandboxHandle, count: number): Promise<(number | 'drop')[]> {
  const out: (number | 'drop')[] = [];
  for (let i = 0; i < count; i++) {
    try {
      const response = await fetch(`${sandbox.url}/oauth/token`, { method: 'POST', body: 'grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret', headers: { 'content-type': 'application/x-www-form-urlencoded', connection: 'close' } });
      await response.arrayBuffer();
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('0');
      out.push(response.status);
    } catch {
      out.push('drop');
    }
  }
  return out;
}

describe('sandbox fault injection', () => {
  it('parses specs and rejects bad ones', () => {
    expect(parseFaultSpec('429=0.05,503=0.03,500=0.01,drop=0.02,latency=20ms,tokenExpiry=0.1')).toMatchObject({
      rate429: 0.05, rate503: 0.03, rate500: 0.01, drop: 0.02, latencyMinMs: 20, latencyMaxMs: 20, tokenExpiry: 0.1, retryAfterSeconds: 1,
    });
    expect(parseFaultSpec('latency=5-50ms')).toMatchObject({ latencyMinMs: 5, latencyMaxMs: 50 });
    expect(parseFaultSpec('latency=0.1s')).toMatchObject({ latencyMinMs: 100 });
    expect(() => parseFaultSpec('429=2')).toThrow(/share/);
    expect(() => parseFaultSpec('teapot=0.1')).toThrow(/unknown fault/);
    expect(() => parseFaultSpec('429=0.6,503=0.6')).toThrow(/more than 1/);
  });

  it('draws the same fault sequence from the same seed, and a different one from another seed', () => {
    const spec = parseFaultSpec(SPEC);
    const a = createFaultInjector(spec, 7);
    const b = createFaultInjector(spec, 7);
    const c = createFaultInjector(spec, 8);
    const seqA = Array.from({ length: 2000 }, () => a.next().kind);
    const seqB = Array.from({ length: 2000 }, () => b.next().kind);
    const seqC = Array.from({ length: 2000 }, () => c.next().kind);
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
    const share = seqA.filter((k) => k === '429').length / seqA.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.25);
    expect(a.decide(17)).toEqual(b.decide(17));
  });

  it('serves the same statuses in the same order from two sandboxes with the same seed', async () => {
    const first = await startTiny({ seed: 42, faults: SPEC });
    const second = await startTiny({ seed: 42, faults: SPEC });
    try {
      const one = await statusSequence(first, 60);
      const two = await statusSequence(second, 60);
      expect(one).toEqual(two);
      for (const kind of [200, 429, 503, 'drop'] as const) expect(one, String(kind)).toContain(kind);
      expect(first.requests().map((r) => r.status)).toEqual(one.map((s) => (s === 'drop' ? 0 : s)));
      // The admin API never sees faults.
      for (let i = 0; i < 30; i++) expect((await admin(first, 'GET', '/clock')).status).toBe(200);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('expires tokens early when asked to', async () => {
    const sandbox = await startTiny({ faults: 'tokenExpiry=1' });
    try {
      const bearer = await token(sandbox);
      const reply = await call('GET', `${sandbox.rostering12Url}/orgs`, { token: bearer });
      expect(reply.status).toBe(401);
      expect(reply.json.imsx_description).toMatch(/expired/);
      expect((await call('GET', `${sandbox.rostering12Url}/orgs`, { token: bearer })).status).toBe(401);
    } finally {
      await sandbox.close();
    }
  });
});

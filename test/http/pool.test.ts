import { describe, expect, it } from 'vitest';
import { mapConcurrent } from '../../src/http/pool.js';

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}

describe('mapConcurrent', () => {
  it('bounds work in flight and pulls the source lazily', async () => {
    let pulled = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    let maxAhead = 0;
    let finished = 0;
    async function* source(): AsyncGenerator<number> {
      for (let i = 0; i < 200; i++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - finished);
        yield i;
      }
    }
    const seen: number[] = [];
    await mapConcurrent(source(), 4, async (item) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await tick();
      inFlight--;
      finished++;
      return item * 2;
    }, (result) => seen.push(result));
    expect(maxInFlight).toBe(4);
    expect(maxAhead).toBeLessThanOrEqual(5);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i * 2));
  });

  it('stops pulling after a failure and rethrows it', async () => {
    let pulled = 0;
    function* source(): Generator<number> {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield i;
      }
    }
    await expect(mapConcurrent(source(), 3, async (item) => {
      await tick();
      if (item === 5) throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(pulled).toBeLessThan(20);
  });
});

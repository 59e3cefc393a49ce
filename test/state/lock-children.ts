/** Lock-holding child processes (lock-child.ts) for the cross-process lock tests of both backends. */
import { expect } from 'vitest';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { spawnTs, type Child } from './child.js';

const CHILD = fileURLToPath(new URL('./lock-child.ts', import.meta.url));

export type StartChild = (location: string, district?: string) => Promise<Child>;

export interface LockChildren {
  /** Starts a child on the store at `location` and waits until it is ready. */
  start: StartChild;
  /** Tells every child started so far to finish, and waits for each. */
  stopAll(): Promise<void>;
}

export function lockChildren(): LockChildren {
  const children: Child[] = [];
  return {
    async start(location, district = 'd1') {
      const child = spawnTs(CHILD, [location, district]);
      children.push(child);
      expect(await child.nextLine()).toBe('ready');
      return child;
    },
    async stopAll() {
      for (const child of children.splice(0)) {
        child.process.stdin?.end();
        await child.exited;
      }
    },
  };
}

/** Three rounds of two children racing for one lock: exactly one wins, the other names the winner. */
export async function expectOneWinnerPerRound(start: StartChild, location: string): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    const pair = await Promise.all([start(location), start(location)]);
    for (const child of pair) child.send('go');
    const lines = await Promise.all(pair.map((child) => child.nextLine()));
    expect(lines.filter((line) => line.startsWith('won ')).length).toBe(1);
    const loser = lines.find((line) => line.startsWith('held '));
    const winner = pair[lines.findIndex((line) => line.startsWith('won '))]!;
    expect(loser).toContain(`pid ${winner.pid} on host ${hostname()}`);
    for (const child of pair) child.process.stdin?.end();
    await Promise.all(pair.map((child) => child.exited));
  }
}

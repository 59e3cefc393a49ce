/**
 * Child process for lock tests: `lock-child.ts STATE DISTRICT`. Waits for "go" on stdin, tries
 * the lock once (fail fast), prints `won <pid>` or `held <message>`, then waits for stdin to close.
 */
import { createInterface } from 'node:readline';
import { openStateStore } from '../../src/state/open.js';
import type { LockHandle } from '../../src/state/types.js';

const [statePath, district] = process.argv.slice(2) as [string, string];
const store = await openStateStore(statePath);
process.stdout.write('ready\n');
const input = createInterface({ input: process.stdin });
let handle: LockHandle | undefined;
for await (const line of input) {
  if (line !== 'go') continue;
  try {
    handle = await store.acquireLock(district, { purpose: 'child' });
    process.stdout.write(`won ${process.pid}\n`);
  } catch (error) {
    process.stdout.write(`held ${(error as Error).message}\n`);
  }
}
await handle?.release();
await store.close();

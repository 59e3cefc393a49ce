// Runs the built sandbox in its own process for benchmarks, so the load generators do not share
// its event loop. Prints one JSON line with the handle's URLs and credentials, stops on SIGTERM.
import { startSandbox } from '../../dist/src/sandbox/index.js';

const sandbox = await startSandbox({ seed: 7, size: process.env.BENCH_SIZE ?? 'small' });
const { url, oneRoster11Url, rostering12Url, gradebook12Url, tokenUrl, clientId, clientSecret } = sandbox;
process.stdout.write(`${JSON.stringify({ url, oneRoster11Url, rostering12Url, gradebook12Url, tokenUrl, clientId, clientSecret })}\n`);
process.once('SIGTERM', () => {
  sandbox.close().then(() => process.exit(0), () => process.exit(1));
});

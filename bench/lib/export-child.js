// Runs one export in its own process so its memory can be measured alone. argv[2] is JSON:
// { dir, mode?, full? }. Prints one JSON line: the summary's counts, wall and CPU time, and the
// process's peak RSS (getrusage maxrss) at the end.
import { exportOnce } from './export-run.js';

const { dir, mode = 'run', full = false } = JSON.parse(process.argv[2] ?? '{}');
// BENCH_MEMORY_TRACE=1: one line of process.memoryUsage() per second on stderr.
const mb = (bytes) => Math.round(bytes / 1048576);
const trace = process.env.BENCH_MEMORY_TRACE
  ? setInterval(() => {
    const m = process.memoryUsage();
    process.stderr.write(`memory rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}\n`);
  }, 1000)
  : undefined;
const run = await exportOnce({ dir }, { mode, full });
if (trace) clearInterval(trace);
const { written, unchanged, deleted, failed, read, classes, requests } = run.summary;
process.stdout.write(`${JSON.stringify({
  written, unchanged, deleted, failed, read, classes, requests,
  wallMs: Math.round(run.wallMs), cpuMs: Math.round(run.cpuMs),
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  heapUsedMb: process.memoryUsage().heapUsed / 1048576,
})}\n`);

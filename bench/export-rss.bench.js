// Peak RSS of a process exporting 1,000,000 results: the exporter runs alone in a child process
// (bench/lib/export-child.js, a first full export into a fresh state store) against the sandbox in
// another child. The peak is the child's own getrusage maxrss, cross-checked by sampling
// /proc/<pid>/status (VmHWM) while it runs. Goal: <= 300 MB.
// Size: 2,000 classes x ~124 students x 8 courseWork (~1,089,000 results) times BENCH_SCALE;
// BENCH_SCALE=0.1 gives a quick run of ~109,000.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadAverage, makeExportRepo, procMemory, startExportSandbox, scale } from './lib/export-env.js';

const here = dirname(fileURLToPath(import.meta.url));
const GOAL_MB = 300;
const SAMPLE_MS = 250;

function counts() {
  const s = scale();
  return { schools: Math.max(1, Math.round(40 * s)), classes: Math.max(2, Math.round(2000 * s)), students: Math.round(49_500 * s), courseWorkPerCourse: 8 };
}

/** Runs the export child, sampling its memory until it exits. */
async function exportInChild(repo) {
  const child = spawn(process.execPath, [join(here, 'lib', 'export-child.js'), JSON.stringify({ dir: repo.dir })], { stdio: ['ignore', 'pipe', 'inherit'] });
  let peakRss = 0;
  let hwm = 0;
  const timer = setInterval(() => {
    const memory = procMemory(child.pid);
    if (memory === undefined) return;
    peakRss = Math.max(peakRss, memory.rssMb);
    hwm = Math.max(hwm, memory.hwmMb);
  }, SAMPLE_MS);
  const lines = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  clearInterval(timer);
  if (code !== 0 || lines.length === 0) throw new Error(`the export child exited with code ${code}`);
  return { ...JSON.parse(lines.at(-1)), sampledPeakRssMb: peakRss, sampledHwmMb: hwm };
}

export async function run() {
  const sandbox = await startExportSandbox(counts());
  const repo = await makeExportRepo(sandbox);
  try {
    const result = await exportInChild(repo);
    const results = result.written.resultsCreated + result.written.resultsUpdated;
    const sandboxMemory = sandbox.memory();
    const peak = Math.max(result.maxRssMb, result.sampledHwmMb);
    const rows = [{
      'results written': results, 'lineItems written': result.written.lineItemsCreated + result.written.lineItemsUpdated,
      failed: result.failed, 'export s': (result.wallMs / 1000).toFixed(1), 'results/s': (results / (result.wallMs / 1000)).toFixed(0),
      'peak RSS MB (maxrss)': result.maxRssMb.toFixed(0), 'peak RSS MB (VmHWM sampled)': result.sampledHwmMb.toFixed(0),
      'heap used at end MB': result.heapUsedMb.toFixed(0), 'sandbox start s': (sandbox.startMs / 1000).toFixed(1),
      'sandbox RSS MB': sandboxMemory?.rssMb.toFixed(0) ?? 'n/a', load: loadAverage(),
    }];
    return {
      name: 'export-rss',
      sandbox: { ...counts(), seeded: sandbox.seeded, startMs: sandbox.startMs, rssMbAtReady: sandbox.rssMb, rssMbAtEnd: sandboxMemory?.rssMb },
      rows,
      export: result,
      goalMb: GOAL_MB,
      ok: result.failed === 0 && peak <= GOAL_MB,
      summary: `exported ${results} results in ${(result.wallMs / 1000).toFixed(1)} s; exporter peak RSS ${peak.toFixed(0)} MB (goal <= ${GOAL_MB} MB); load ${loadAverage()}`,
    };
  } finally {
    await repo.cleanup();
    await sandbox.close();
  }
}

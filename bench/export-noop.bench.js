// No-op re-export: after a first full export of ~100,000 results, re-running the export must make
// zero writes (checked in the SIS's traffic log and in the summary) and take at most 1.2x the time
// of a pure read pass (bench/lib/read-pass.js: the same Classroom and OneRoster reads, no mapping,
// no checkpoints) measured in the same run. Rounds alternate which of the two goes first, after
// one warm-up pair that is reported but not counted.
// Size: 300 classes x ~100 students x 6 courseWork (~99,000 results) times BENCH_SCALE.
import { loadAverage, makeExportRepo, median, sisWrites, startExportSandbox, scale } from './lib/export-env.js';
import { exportOnce, resultsWritten, writesOf } from './lib/export-run.js';
import { readPass } from './lib/read-pass.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const GOAL = 1.2;

function counts() {
  const s = scale();
  return { schools: Math.max(1, Math.round(10 * s)), classes: Math.max(2, Math.round(300 * s)), students: Math.round(6000 * s), courseWorkPerCourse: 6 };
}

async function noopExport(sandbox, repo) {
  await sandbox.clearRequests();
  const run = await exportOnce(repo);
  const trafficWrites = sisWrites(await sandbox.requests()).length;
  return { ...run, trafficWrites, summaryWrites: writesOf(run.summary) };
}

export async function run() {
  const sandbox = await startExportSandbox(counts());
  const repo = await makeExportRepo(sandbox);
  try {
    const first = await exportOnce(repo);
    const exported = resultsWritten(first.summary);
    // Warm-up, reported but not counted: the first re-export in this process also pays for the
    // garbage the full export left behind.
    const warmNoop = await noopExport(sandbox, repo);
    const warmRead = await readPass(repo);
    const rows = [];
    let best = { export: Infinity, read: Infinity };
    let allZero = warmNoop.trafficWrites === 0 && warmNoop.summaryWrites === 0;
    let lastSummary;
    const ratios = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const exportFirst = round % 2 === 1;
      const read = exportFirst ? undefined : await readPass(repo);
      const noop = await noopExport(sandbox, repo);
      const reads = read ?? (await readPass(repo));
      lastSummary = noop.summary;
      allZero &&= noop.trafficWrites === 0 && noop.summaryWrites === 0;
      best = { export: Math.min(best.export, noop.wallMs), read: Math.min(best.read, reads.wallMs) };
      ratios.push(noop.wallMs / reads.wallMs);
      rows.push({
        round, order: exportFirst ? 'export, read' : 'read, export', 'results unchanged': noop.summary.unchanged,
        'SIS writes (traffic)': noop.trafficWrites, 'writes (summary)': noop.summaryWrites,
        'no-op export s': (noop.wallMs / 1000).toFixed(2), 'read pass s': (reads.wallMs / 1000).toFixed(2),
        ratio: (noop.wallMs / reads.wallMs).toFixed(2), 'export cpu s': (noop.cpuMs / 1000).toFixed(2), 'read cpu s': (reads.cpuMs / 1000).toFixed(2),
        'export requests': sumRequests(noop.summary.requests), 'read requests': sumRequests(reads.requests), load: loadAverage(),
      });
    }
    // Each round pairs a no-op export with a read pass next to it; their median is the figure.
    const ratio = median(ratios);
    return {
      name: 'export-noop',
      sandbox: { ...counts(), seeded: sandbox.seeded, startMs: sandbox.startMs },
      firstExport: { results: exported, seconds: Number((first.wallMs / 1000).toFixed(2)) },
      warmUp: { noopSeconds: Number((warmNoop.wallMs / 1000).toFixed(2)), readSeconds: Number((warmRead.wallMs / 1000).toFixed(2)), writes: warmNoop.trafficWrites + warmNoop.summaryWrites },
      rows,
      best: { exportMs: Math.round(best.export), readMs: Math.round(best.read), ratioOfBests: Number((best.export / best.read).toFixed(3)) },
      medianRatio: Number(ratio.toFixed(3)),
      lastRunRequests: lastSummary?.requests,
      goal: GOAL,
      ok: allZero && ratio <= GOAL,
      summary: `no-op re-export of ${exported} results: ${allZero ? 'zero writes' : 'WRITES MADE'}; best ${(best.export / 1000).toFixed(2)} s vs pure read pass best ${(best.read / 1000).toFixed(2)} s; median per-round ratio ${ratio.toFixed(2)} (goal <= ${GOAL}); warm-up pair ${(warmNoop.wallMs / 1000).toFixed(2)} s vs ${(warmRead.wallMs / 1000).toFixed(2)} s, not counted; load ${loadAverage()}`,
    };
  } finally {
    await repo.cleanup();
    await sandbox.close();
  }
}

function sumRequests(requests) {
  let total = 0;
  for (const side of Object.values(requests ?? {})) for (const value of Object.values(side ?? {})) total += typeof value === 'number' ? value : 0;
  return total;
}

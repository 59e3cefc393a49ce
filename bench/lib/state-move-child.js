// One step of the state-move benchmark in its own process, so its peak RSS is its own.
// argv[2] is JSON: { mode: 'move' | 'rewrite', source, target, districts, job }.
//   move     sislink state move from the SQLite source into the empty PostgreSQL target
//   rewrite  the baseline: every export checkpoint of the source read through the store API and
//            written into the target through it, in batches of 5,000 (as an export stores them)
// Prints one JSON line: wall and CPU time, peak RSS, and what was carried.
import { performance } from 'node:perf_hooks';
import { runStateMove } from '../../dist/src/state/move.js';
import { openStateStore } from '../../dist/src/state/open.js';

const BATCH = 5000;
const { mode, source, target, districts, job } = JSON.parse(process.argv[2] ?? '{}');

async function rewrite() {
  const from = await openStateStore(source);
  const into = await openStateStore(target);
  let items = 0;
  try {
    for (const district of districts) {
      let batch = [];
      for await (const item of from.iterateExportItems(district, job)) {
        batch.push(item);
        if (batch.length >= BATCH) {
          await into.putExportItems(batch);
          items += batch.length;
          batch = [];
        }
      }
      await into.putExportItems(batch);
      items += batch.length;
    }
  } finally {
    await into.close();
    await from.close();
  }
  return { items };
}

async function move() {
  let out = '';
  const code = await runStateMove({ stateUrl: source, to: target, format: 'json', write: (text) => (out += text) });
  if (code !== 0) throw new Error(`state move exited ${code}`);
  const summary = JSON.parse(out);
  return { items: summary.rows.export_items + summary.exportResults, rows: summary.rows, auditLines: summary.audit.carried };
}

const began = performance.now();
const cpu = process.cpuUsage();
const result = mode === 'move' ? await move() : await rewrite();
const used = process.cpuUsage(cpu);
process.stdout.write(`${JSON.stringify({
  ...result, wallMs: Math.round(performance.now() - began), cpuMs: Math.round((used.user + used.system) / 1000),
  maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
})}\n`);

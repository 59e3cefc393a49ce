// State move: a SQLite state of 2 districts with 10,000 lineItems and 1,000,000 result checkpoints
// (times BENCH_SCALE), plus values, journal entries, runs and an audit log, moved into an empty
// PostgreSQL database by `sislink state move`. Baseline, in the same run: the same checkpoints
// read through the store API and written into another empty database through it, as an export
// stores them (what re-creating the state would cost at the least, without the SIS). Each step
// runs in its own process; rounds alternate their order.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { openAuditLog } from '../dist/src/audit/log.js';
import { openStateStore } from '../dist/src/state/open.js';
import { loadAverage, median, scale } from './lib/export-env.js';
import { createDatabase, startPostgres } from '../dist/test/helpers/postgres.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DISTRICTS = ['north', 'south'];
const JOB = 'grades';
const RESULTS_PER_LINE_ITEM = 100;
const AUDIT_LINES = 300;
const AT = '2026-09-01T12:00:00.000Z';

function lineItemCount() {
  return Math.max(2, Math.round(10_000 * scale()));
}

/** The source state in `dir` (state.db and audit.log), written through the store and the audit log. */
async function buildSource(dir) {
  const store = await openStateStore(`sqlite:${join(dir, 'state.db')}`);
  const perDistrict = Math.ceil(lineItemCount() / DISTRICTS.length);
  try {
    for (const district of DISTRICTS) {
      for (let start = 0; start < perDistrict; start += 50) {
        const items = [];
        for (let n = start; n < Math.min(perDistrict, start + 50); n++) {
          const lineItem = randomUUID();
          items.push({ district, job: JOB, itemId: lineItem, kind: 'lineItem', contentHash: 'c'.repeat(16), parentId: `class-${n % 300}`, updatedAt: AT });
          for (let r = 0; r < RESULTS_PER_LINE_ITEM; r++) {
            items.push({ district, job: JOB, itemId: randomUUID(), kind: 'result', contentHash: 'r'.repeat(16), parentId: lineItem, updatedAt: AT });
          }
        }
        await store.putExportItems(items);
      }
      for (let n = 0; n < 500; n++) await store.setValue(district, `value-${n}`, { n, note: 'rotation bookkeeping' });
      for (let n = 0; n < 100; n++) {
        const id = await store.journalIntent({ runId: `run-${n}`, district, actionId: `action-${n}`, planHash: 'p'.repeat(16), data: { n } });
        await store.journalOutcome(id, { status: 'done', result: { n } });
        await store.startRun({ id: `${district}-run-${n}`, district, kind: 'apply', startedAt: AT });
        await store.finishRun(`${district}-run-${n}`, 'succeeded', { n }, AT);
      }
    }
    await store.stateKey();
  } finally {
    await store.close();
  }
  const log = openAuditLog(join(dir, 'audit.log'), { git: false });
  for (let n = 0; n < AUDIT_LINES; n++) await log.append({ event: 'run.finish', district: DISTRICTS[n % 2], outcome: 'succeeded', details: { n } });
}

/** A copy of the source a move may retire (the move leaves a tombstone in it). */
async function copySource(from, to) {
  await mkdir(to, { recursive: true });
  for (const name of ['state.db', 'state.db-wal', 'audit.log', 'audit.log.head']) {
    if (existsSync(join(from, name))) await copyFile(join(from, name), join(to, name));
  }
}

function step(mode, source, target) {
  const child = spawn(process.execPath, [join(here, 'lib', 'state-move-child.js'), JSON.stringify({ mode, source, target, districts: DISTRICTS, job: JOB })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`the ${mode} step exited with code ${code}`))));
  });
}

export async function run() {
  const dir = await mkdtemp(join(tmpdir(), 'sislink-bench-move-'));
  const postgres = await startPostgres();
  try {
    const built = join(dir, 'built');
    await mkdir(built);
    await buildSource(built);
    const rows = [];
    const ratios = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 === 1 ? ['rewrite', 'move'] : ['move', 'rewrite'];
      const results = {};
      for (const mode of order) {
        const source = join(dir, `round-${round}-${mode}`);
        await copySource(built, source);
        results[mode] = await step(mode, `sqlite:${join(source, 'state.db')}`, await createDatabase(postgres.url, `${mode}_${round}`));
      }
      const { move, rewrite } = results;
      ratios.push(move.wallMs / rewrite.wallMs);
      rows.push({
        round, order: order.join(', '), 'checkpoints': move.items, 'move s': (move.wallMs / 1000).toFixed(1), 'move cpu s': (move.cpuMs / 1000).toFixed(1),
        'move peak RSS MB': move.maxRssMb, 'rewrite s': (rewrite.wallMs / 1000).toFixed(1), 'rewrite cpu s': (rewrite.cpuMs / 1000).toFixed(1),
        'rewrite peak RSS MB': rewrite.maxRssMb, 'move / rewrite': (move.wallMs / rewrite.wallMs).toFixed(2), 'audit lines': move.auditLines, load: loadAverage(),
      });
      if (move.items !== rewrite.items) throw new Error(`the move carried ${move.items} checkpoints, the rewrite ${rewrite.items}`);
    }
    const ratio = median(ratios);
    return {
      name: 'state-move',
      lineItems: lineItemCount(),
      resultsPerLineItem: RESULTS_PER_LINE_ITEM,
      rows,
      medianRatio: Number(ratio.toFixed(3)),
      summary: `state move of ${rows[0]?.checkpoints} export checkpoints (+ values, journal, runs, ${AUDIT_LINES} audit lines): median ${ratio.toFixed(2)}x the time of rewriting the checkpoints alone through the store API; load ${loadAverage()}`,
    };
  } finally {
    await postgres.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

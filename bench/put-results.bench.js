// PUT /results throughput: the OneRoster client at its default concurrency against the raw
// capacity of the same endpoint measured by autocannon with as many connections, in one run.
// Goal: client / raw >= 0.8.
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { createOneRosterClient, DEFAULT_CONCURRENCY } from '../dist/src/oneroster/client.js';
import { mapConcurrent } from '../dist/src/http/pool.js';
import { createPairs, fetchToken } from './lib/raw-put.js';
import { startTarget } from './lib/target.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const UNIQUE = 2000;
const GOAL = 0.8;

function endpointsOf(target) {
  return {
    baseUrl: target.url, rosteringUrl: target.rostering12Url, gradebookUrl: target.gradebook12Url,
    tokenUrl: target.tokenUrl, version: '1.2', auth: 'oauth2-basic',
  };
}

/** (lineItem, student) pairs the results refer to; on the sandbox they must exist. */
async function preparePairs(client, kind) {
  if (kind !== 'sandbox') {
    return Array.from({ length: UNIQUE }, (_, i) => ({ lineItemId: `li-${i % 20}`, studentId: `st-${Math.floor(i / 20)}` }));
  }
  return createPairs(client, { count: UNIQUE, idPrefix: 'bench-li-', titlePrefix: 'Bench', assignDate: '2025-09-01', dueDate: '2025-09-08' });
}

function resultFor(pairs, i) {
  const pair = pairs[i % pairs.length];
  return {
    id: `bench-r-${i % pairs.length}`,
    body: {
      lineItem: { sourcedId: pair.lineItemId, type: 'lineItem' }, student: { sourcedId: pair.studentId, type: 'user' },
      score: i % 101, scoreStatus: 'fully graded', scoreDate: '2025-09-10', status: 'active',
    },
  };
}

/** Endless stream of result writes; the caller stops pulling when time is up. */
function* results(pairs, start, until) {
  for (let i = start; performance.now() < until; i++) yield resultFor(pairs, i);
}

async function runClient(client, pairs, seconds, start) {
  const began = performance.now();
  const cpu = process.cpuUsage();
  let done = 0;
  await mapConcurrent(results(pairs, start, began + seconds * 1000), DEFAULT_CONCURRENCY, (r) => client.putResult(r.id, r.body), () => done++);
  return { perSecond: done / ((performance.now() - began) / 1000), cpuMicros: cpuMicrosPer(cpu, done) };
}

/** CPU time of this process (the load generator) per request, in microseconds. */
function cpuMicrosPer(since, count) {
  const used = process.cpuUsage(since);
  return count === 0 ? 0 : (used.user + used.system) / count;
}

async function runRaw(target, token, pairs, seconds, start) {
  const path = new URL(target.gradebook12Url).pathname;
  let i = start;
  const began = performance.now();
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url: target.url, connections: DEFAULT_CONCURRENCY, pipelining: 1, duration: seconds,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    requests: [{
      method: 'PUT',
      setupRequest: (req) => {
        const r = resultFor(pairs, i++);
        return { ...req, path: `${path}/results/${r.id}`, body: JSON.stringify({ result: { ...r.body, sourcedId: r.id } }) };
      },
    }],
  });
  const elapsed = (performance.now() - began) / 1000;
  return { perSecond: result['2xx'] / elapsed, cpuMicros: cpuMicrosPer(cpu, result['2xx'] + result.non2xx), non2xx: result.non2xx, errors: result.errors };
}

export async function run() {
  const target = await startTarget();
  const client = createOneRosterClient({ endpoints: endpointsOf(target), credentials: { clientId: target.clientId, clientSecret: target.clientSecret }, userAgent: 'sislink-bench' });
  try {
    const pairs = await preparePairs(client, target.kind);
    const token = await fetchToken(target);
    // Warm both paths (JIT, connections, first-time creates) before measuring.
    await runClient(client, pairs, 3, 0);
    await runRaw(target, token, pairs, 2, 0);
    const rows = [];
    let bestClient = 0;
    let bestRaw = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const clientRun = await runClient(client, pairs, SECONDS, round * UNIQUE);
      const raw = await runRaw(target, token, pairs, SECONDS, round * UNIQUE);
      const clientRate = clientRun.perSecond;
      bestClient = Math.max(bestClient, clientRate);
      bestRaw = Math.max(bestRaw, raw.perSecond);
      rows.push({ round, 'client results/s': clientRate.toFixed(0), 'raw results/s': raw.perSecond.toFixed(0), ratio: (clientRate / raw.perSecond).toFixed(2), 'client cpu µs/req': clientRun.cpuMicros.toFixed(0), 'raw cpu µs/req': raw.cpuMicros.toFixed(0), 'raw non2xx': raw.non2xx, 'raw errors': raw.errors });
    }
    const ratio = bestClient / bestRaw;
    const stats = client.stats();
    return {
      name: 'put-results',
      target: target.kind,
      concurrency: DEFAULT_CONCURRENCY,
      secondsPerRun: SECONDS,
      rows,
      best: { client: Math.round(bestClient), raw: Math.round(bestRaw), ratio: Number(ratio.toFixed(3)) },
      clientStats: stats,
      goal: GOAL,
      ok: ratio >= GOAL,
      summary: `target ${target.kind}, concurrency ${DEFAULT_CONCURRENCY}: best client ${bestClient.toFixed(0)}/s vs raw ${bestRaw.toFixed(0)}/s, ratio ${ratio.toFixed(2)} (goal >= ${GOAL}); client retries ${stats.http.retries}`,
    };
  } finally {
    await client.close();
    await target.close();
  }
}

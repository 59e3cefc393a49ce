// The raw PUT /results capacity of a sandbox: autocannon creating new results (as a first export
// does) against existing lineItems and students, with a pre-fetched bearer token.
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { URLSearchParams } from 'node:url';
import { request } from 'undici';
import { mapConcurrent } from '../../dist/src/http/pool.js';
import { createOneRosterClient } from '../../dist/src/oneroster/client.js';
import { scopeFor } from '../../dist/src/oneroster/scopes.js';

const PAIRS = 2000;

export function sandboxOneRoster(sandbox) {
  return createOneRosterClient({
    endpoints: {
      baseUrl: sandbox.url, rosteringUrl: sandbox.rostering12Url, gradebookUrl: sandbox.gradebook12Url,
      tokenUrl: sandbox.tokenUrl, version: '1.2', auth: 'oauth2-basic',
    },
    credentials: { clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
    userAgent: 'sislink-bench',
  });
}

export async function fetchToken(sandbox) {
  const basic = Buffer.from(`${sandbox.clientId}:${sandbox.clientSecret}`).toString('base64');
  const form = new URLSearchParams({ grant_type: 'client_credentials', scope: scopeFor('1.2', 'gradebook-write') });
  const response = await request(sandbox.tokenUrl, {
    method: 'POST', body: form.toString(), headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
  });
  const body = await response.body.json();
  if (typeof body.access_token !== 'string') throw new Error(`token request failed with HTTP ${response.statusCode}`);
  return body.access_token;
}

async function collect(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/**
 * `count` (lineItem, student) pairs in the first class with students, creating the lineItems
 * they need (ids `${idPrefix}${i}`, titles `${titlePrefix} ${i}`).
 */
export async function createPairs(client, { count, idPrefix, titlePrefix, assignDate, dueDate }) {
  let chosen;
  for await (const cls of client.classes({ limit: 50 })) {
    const students = await collect(client.studentsForClass(cls.sourcedId));
    if (students.length > 0) {
      chosen = { cls, students };
      break;
    }
  }
  if (chosen === undefined) throw new Error('the sandbox has no class with students');
  const [category] = await collect(client.categoriesForClass(chosen.cls.sourcedId));
  const pairs = [];
  for (let i = 0; pairs.length < count; i++) {
    const lineItemId = `${idPrefix}${i}`;
    await client.putLineItem(lineItemId, {
      title: `${titlePrefix} ${i}`, assignDate, dueDate, class: { sourcedId: chosen.cls.sourcedId, type: 'class' },
      school: { sourcedId: chosen.cls.school.sourcedId, type: 'org' }, category: { sourcedId: category.sourcedId, type: 'category' },
      resultValueMin: 0, resultValueMax: 100, status: 'active',
    });
    for (const student of chosen.students) pairs.push({ lineItemId, studentId: student.sourcedId });
  }
  return pairs.slice(0, count);
}

/** (lineItem, student) pairs in one class with students; creates the lineItems it needs. */
export function preparePairs(client) {
  return createPairs(client, { count: PAIRS, idPrefix: 'bench-raw-li-', titlePrefix: 'Raw', assignDate: '2026-09-01', dueDate: '2026-09-08' });
}

/** A result body shaped like the export's (1.2, status active, fully graded). */
function resultBody(pairs, i) {
  const pair = pairs[i % pairs.length];
  return {
    status: 'active', lineItem: { sourcedId: pair.lineItemId, type: 'lineItem' }, student: { sourcedId: pair.studentId, type: 'student' },
    score: i % 101, scoreStatus: 'fully graded', scoreDate: '2026-09-10',
  };
}

/** PUTs new results (unique ids under `prefix`) for `seconds` with `connections` connections. */
export async function runRawPuts({ sandbox, token, pairs, seconds, connections, prefix }) {
  const path = new URL(sandbox.gradebook12Url).pathname;
  let i = 0;
  const began = performance.now();
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url: sandbox.url, connections, pipelining: 1, duration: seconds,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    requests: [{
      method: 'PUT',
      setupRequest: (req) => {
        const n = i++;
        const id = `${prefix}-${n}`;
        return { ...req, path: `${path}/results/${id}`, body: JSON.stringify({ result: { sourcedId: id, ...resultBody(pairs, n) } }) };
      },
    }],
  });
  const elapsed = (performance.now() - began) / 1000;
  const used = process.cpuUsage(cpu);
  const requests = result['2xx'] + result.non2xx;
  return {
    perSecond: result['2xx'] / elapsed, ok: result['2xx'], non2xx: result.non2xx, errors: result.errors,
    cpuUsPerRequest: requests === 0 ? 0 : (used.user + used.system) / requests, requests,
  };
}

/**
 * The same PUTs through sislink's OneRoster client (HTTP core included) at `concurrency`: the
 * ceiling an exporter built on that client can reach, between raw and export.
 */
export async function runClientPuts({ client, pairs, seconds, concurrency, prefix }) {
  const began = performance.now();
  const until = began + seconds * 1000;
  const cpu = process.cpuUsage();
  let done = 0;
  function* writes() {
    for (let n = 0; performance.now() < until; n++) yield n;
  }
  await mapConcurrent(writes(), concurrency, (n) => client.putResult(`${prefix}-${n}`, resultBody(pairs, n)), () => done++);
  const used = process.cpuUsage(cpu);
  return { perSecond: done / ((performance.now() - began) / 1000), cpuUsPerRequest: done === 0 ? 0 : (used.user + used.system) / done };
}

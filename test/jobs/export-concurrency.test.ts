/**
 * The export job's `concurrency`: courses exported at once, as the config reference says, with
 * the SIS writes in flight following from it. Courses in flight are read from the sandbox's
 * request log; writes in flight are counted by a forwarding proxy in front of the SIS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import type { TrafficEntry } from '../../src/sandbox/http/traffic.js';
import { runApply } from '../../src/commands/apply.js';
import { runExport } from '../../src/commands/export.js';
import { DEFAULT_CLASS_CONCURRENCY, writeConcurrencyFor } from '../../src/jobs/export/run.js';
import { gradeExportDistrictYaml, makeDistrictRepo, type DistrictRepo } from '../helpers/district-repo.js';

const SECRET = 'canary-concurrency-7d2f0b9e41';
const NOW = new Date('2026-09-01T12:00:00Z');

interface WriteCountingProxy {
  url: string;
  /** The most PUT and DELETE requests the SIS had open at once since the last reset. */
  maxWritesInFlight(): number;
  reset(): void;
  close(): Promise<void>;
}

async function startWriteCountingProxy(target: string): Promise<WriteCountingProxy> {
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  let open = 0;
  let most = 0;
  const server: Server = createServer((req, res) => {
    const write = req.method === 'PUT' || req.method === 'DELETE';
    if (write) most = Math.max(most, ++open);
    res.once('close', () => {
      if (write) open -= 1;
    });
    const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.once('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    maxWritesInFlight: () => most,
    reset: () => {
      most = 0;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

let sandbox: SandboxHandle;
let proxy: WriteCountingProxy;
let repo: DistrictRepo;

async function writeDistrict(concurrency: number | undefined): Promise<void> {
  const jobLines = concurrency === undefined ? [] : [`concurrency: ${concurrency}`];
  await repo.write('maple', gradeExportDistrictYaml('maple', sandbox, { baseUrl: proxy.url, jobLines }));
}

/** A full export (every item re-sent) through the proxy; the SIS request log and the proxy start empty. */
async function fullExport(): Promise<void> {
  sandbox.clearRequests();
  proxy.reset();
  let out = '';
  const code = await runExport({
    paths: ['districts'], mode: 'run', full: true, state: 'sqlite:.sislink/state.db', now: NOW, cwd: repo.dir, format: 'json',
    connections: { classroomRateLimit: false }, write: (text) => (out += text),
  });
  expect(code, out).toBe(0);
}

/** The SIS class a request works on: in its path (reads) or through the lineItem or result it writes. */
function classOf(entry: TrafficEntry): string | undefined {
  const inPath = /\/classes\/([^/]+)\//.exec(entry.path);
  if (inPath !== null) return decodeURIComponent(inPath[1] ?? '');
  const written = /\/(lineItems|results)\/([^/]+)$/.exec(entry.path);
  if (written === null) return undefined;
  const id = decodeURIComponent(written[2] ?? '');
  return written[1] === 'lineItems' ? sandbox.data.lineItems.get(id)?.classId : sandbox.data.results.get(id)?.classId;
}

/** The most classes whose SIS requests overlap in the log (a class spans its first to its last request). */
function maxClassesInFlight(): number {
  const spans = new Map<string, { first: number; last: number }>();
  sandbox.requests().forEach((entry, index) => {
    const classId = classOf(entry);
    if (classId === undefined) return;
    const span = spans.get(classId);
    if (span === undefined) spans.set(classId, { first: index, last: index });
    else span.last = index;
  });
  let most = 0;
  for (const { first } of spans.values()) {
    let open = 0;
    for (const other of spans.values()) if (other.first <= first && first <= other.last) open += 1;
    most = Math.max(most, open);
  }
  return most;
}

beforeAll(async () => {
  // A little latency on every request, so that requests sent at once are also open at once.
  sandbox = await startSandbox({ port: 0, clientSecret: SECRET, now: NOW, schools: 1, classes: 10, students: 200, faults: 'latency=2ms' });
  proxy = await startWriteCountingProxy(sandbox.url);
  repo = await makeDistrictRepo(SECRET, sandbox.classroomServiceAccountKey);
  await writeDistrict(undefined);
  const code = await runApply({ targets: ['districts'], autoApprove: true, state: 'sqlite:.sislink/state.db', now: NOW, cwd: repo.dir, write: () => undefined });
  expect(code).toBe(0);
});
afterAll(async () => {
  await proxy.close();
  await sandbox.close();
  await repo.cleanup();
});

describe('export concurrency', () => {
  it('exports one course at a time with concurrency 1, its writes still in parallel', async () => {
    await writeDistrict(1);
    await fullExport();
    expect(sandbox.data.results.size).toBeGreaterThan(100);
    expect(maxClassesInFlight()).toBe(1);
    expect(proxy.maxWritesInFlight()).toBeGreaterThan(1);
    expect(proxy.maxWritesInFlight()).toBeLessThanOrEqual(writeConcurrencyFor(1));
  });

  it('exports several courses at once by default, with more writes in flight', async () => {
    await writeDistrict(undefined);
    await fullExport();
    const classes = maxClassesInFlight();
    expect(classes).toBeGreaterThan(1);
    expect(classes).toBeLessThanOrEqual(DEFAULT_CLASS_CONCURRENCY);
    expect(proxy.maxWritesInFlight()).toBeGreaterThan(writeConcurrencyFor(1));
    expect(proxy.maxWritesInFlight()).toBeLessThanOrEqual(writeConcurrencyFor(DEFAULT_CLASS_CONCURRENCY));
  });
});

/**
 * A fleet worker: its scheduler queues due ticks (exactly once across all workers) and its slots
 * run queued district runs. Any number of workers on any number of hosts share one PostgreSQL
 * database: the same `--state` URL and a copy of the district files are all a new worker needs.
 * The district files are looked at again on every scheduler pass (and on reload()).
 */
import { hostname } from 'node:os';
import { Agent } from 'undici';
import { currentActor, openAuditLogForState, type AuditLog } from '../audit/index.js';
import type { ConnectionOptions } from '../jobs/connection.js';
import { getLogger } from '../log.js';
import { oneRosterCredentialTester, type CredentialTester } from '../providers/credential-test.js';
import type { ReconcileContext } from '../reconcile/context.js';
import { openStateStore } from '../state/open.js';
import type { StateStore } from '../state/types.js';
import { clearConfigNotes, syncConfigNotes } from './config-notes.js';
import { loadDistrictSet, type DistrictSet, type ReloadSummary } from './district-set.js';
import { executeRun } from './execute.js';
import { openFleetDb, requirePostgres, type OpenedFleetDb } from './open.js';
import { FleetQueue } from './queue.js';
import { startScheduler, type Scheduler } from './scheduler.js';
import { lockLeaseMs, resolveFleetSettings, type FleetSettings } from './settings.js';
import { startSlots, type SlotStats, type Slots } from './slots.js';

export interface WorkerOptions {
  /** postgres://... state URL. */
  state: string;
  paths: string[];
  cwd?: string;
  /** Name of this worker in the fleet's records; host-pid by default. */
  id?: string;
  /** Runs this worker does at the same time. */
  concurrency?: number;
  /** The clock of the scheduler and of each run (--now freezes it). */
  clock?: () => Date;
  settings?: Partial<FleetSettings>;
  connections?: ConnectionOptions;
  auditLog?: string;
  testCredential?: CredentialTester;
}

export interface WorkerHandle {
  readonly id: string;
  /** Districts scheduled now. */
  readonly districts: number;
  readonly stats: SlotStats;
  /** One scheduler pass now (it re-reads changed district files first); returns the runs it queued. */
  schedule(): Promise<number>;
  /** Re-reads changed district files now (SIGHUP); the next pass schedules what changed. */
  reload(): Promise<ReloadSummary>;
  /** Stops taking runs, waits up to `graceMs` for running ones (then releases them), and closes. */
  stop(graceMs?: number): Promise<void>;
}

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_GRACE_MS = 30_000;

interface Parts {
  store?: StateStore;
  fleet?: OpenedFleetDb;
  queue?: FleetQueue;
  audit?: AuditLog;
  http?: Agent;
}

async function closeParts(parts: Parts): Promise<void> {
  await parts.queue?.stop().catch(() => undefined);
  await parts.audit?.close().catch(() => undefined);
  await parts.fleet?.db.close().catch(() => undefined);
  await parts.store?.close().catch(() => undefined);
  await parts.http?.close().catch(() => undefined);
}

function baseContext(options: WorkerOptions, store: StateStore, audit: AuditLog, http: Agent, cwd: string): Omit<ReconcileContext, 'now'> {
  return {
    store, cwd, logger: getLogger(), actor: currentActor(),
    testCredential: options.testCredential ?? oneRosterCredentialTester({ dispatcher: http }),
    audit: { append: (event) => audit.append({ ...event }) },
  };
}

/** The scheduler's first step: re-read changed files, then publish the problems if they changed. */
function configRefresher(districts: DistrictSet, fleet: OpenedFleetDb, worker: string): () => Promise<void> {
  let published = -1;
  return async () => {
    await districts.reload().catch((error: unknown) => getLogger().warn({ worker, reason: error instanceof Error ? error.message : String(error) }, 'district files could not be read'));
    const version = districts.problemsVersion();
    if (version === published) return;
    await syncConfigNotes(fleet, worker, districts.problems());
    published = version;
  };
}

export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  requirePostgres(options.state, 'sislink worker');
  const cwd = options.cwd ?? process.cwd();
  const settings = resolveFleetSettings(options.settings);
  const clock = options.clock ?? (() => new Date());
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const id = options.id ?? `${hostname()}-${process.pid}`;
  const districts = await loadDistrictSet({ paths: options.paths, cwd, reconcileEvery: settings.reconcileEvery });
  const parts: Parts = {};
  let scheduler: Scheduler;
  let slots: Slots;
  try {
    parts.store = await openStateStore(options.state, { cwd, lockLeaseMs: lockLeaseMs(settings) });
    parts.fleet = await openFleetDb(options.state, settings, concurrency + 2);
    parts.queue = new FleetQueue(options.state, settings);
    await parts.queue.start();
    const { fleet, queue } = { fleet: parts.fleet, queue: parts.queue };
    // One chain for the whole fleet: with PostgreSQL state the audit log lives in the database.
    parts.audit = openAuditLogForState(options.state, { auditFile: options.auditLog, cwd, store: parts.store });
    // One keep-alive pool for every run of this worker: districts of one vendor share its hosts,
    // and a connection per run cost more CPU than the run's own requests.
    const http = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 32 });
    parts.http = http;
    const context = baseContext(options, parts.store, parts.audit, http, cwd);
    scheduler = await startScheduler({
      fleet, queue, clock, worker: { id, concurrency }, intervalMs: settings.scheduleIntervalMs,
      entries: () => districts.entries(), districts: () => districts.names(), refresh: configRefresher(districts, fleet, id),
    });
    slots = startSlots({
      fleet, queue, worker: id, pollIntervalMs: settings.pollIntervalMs,
      execute: (job) => executeRun({ context: { ...context, now: clock() }, districts, reload: () => districts.reload(), connections: { dispatcher: http, ...options.connections } }, job.data),
    }, concurrency);
  } catch (error) {
    await closeParts(parts);
    throw error;
  }
  getLogger().info({ worker: id, districts: districts.names().length, concurrency }, 'worker started');
  let stopped: Promise<void> | undefined;
  return {
    id,
    get districts() {
      return districts.names().length;
    },
    stats: slots.stats,
    schedule: () => scheduler.pass(),
    reload: () => districts.reload(),
    stop(graceMs = DEFAULT_GRACE_MS) {
      stopped ??= (async () => {
        await scheduler.stop();
        await slots.stop(graceMs);
        await scheduler.markStopped().catch(() => undefined);
        await clearConfigNotes(parts.fleet!, id).catch(() => undefined);
        await closeParts(parts);
        getLogger().info({ worker: id, ...slots.stats }, 'worker stopped');
      })();
      return stopped;
    },
  };
}

/** `sislink worker` and `sislink fleet status`: thin entry points over the fleet modules. */
import type { LoadedDistrict } from '../config/types.js';
import { loadDistrictsOrThrow } from '../config/load.js';
import { cronProblem } from '../config/rules/schedule.js';
import { isSislinkError, SislinkError } from '../errors.js';
import type { ConnectionOptions } from '../jobs/connection.js';
import { openFleetDb, requirePostgres } from './open.js';
import { renderFleetStatus } from './render.js';
import { fleetInstalled } from './schema.js';
import { resolveFleetSettings, type FleetSettings } from './settings.js';
import { readFleetRows, type FleetRows } from './status-queries.js';
import { buildFleetStatus } from './status.js';
import { DEFAULT_GRACE_MS, startWorker } from './worker.js';

export interface WorkerCommandOptions {
  state: string;
  paths: string[];
  cwd?: string;
  id?: string;
  concurrency?: number;
  /** Freezes the worker's clock (--now); the wall clock otherwise. */
  now?: Date;
  settings?: Partial<FleetSettings>;
  graceMs?: number;
  /** Audit log file; the state's default (.sislink/audit.log) otherwise. */
  auditLog?: string;
  connections?: ConnectionOptions;
  /** Stops the worker when aborted; SIGINT/SIGTERM otherwise. */
  signal?: AbortSignal;
  write?: (text: string) => void;
}

function checkReconcileEvery(expression: string | undefined): void {
  if (expression === undefined) return;
  const problem = cronProblem(expression, 'UTC');
  if (problem !== undefined) throw new SislinkError('USAGE', `--reconcile-every: "${expression}" ${problem}`);
}

/** Resolves on the first SIGINT/SIGTERM (or abort); a second signal exits at once. */
function stopRequested(signal: AbortSignal | undefined): Promise<string> {
  if (signal !== undefined) {
    return new Promise((resolve) => (signal.aborted ? resolve('abort') : signal.addEventListener('abort', () => resolve('abort'), { once: true })));
  }
  return new Promise((resolve) => {
    const onSignal = (name: NodeJS.Signals) => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      // A second signal: stop now; running runs expire and are retried elsewhere.
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve(name);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

export async function runWorker(options: WorkerCommandOptions): Promise<number> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  checkReconcileEvery(options.settings?.reconcileEvery);
  if (options.concurrency !== undefined && !(Number.isInteger(options.concurrency) && options.concurrency >= 1)) {
    throw new SislinkError('USAGE', `--concurrency: must be a whole number of at least 1, got ${options.concurrency}`);
  }
  const frozen = options.now;
  const stop = stopRequested(options.signal);
  const handle = await startWorker({
    state: options.state, paths: options.paths, cwd: options.cwd, id: options.id, concurrency: options.concurrency,
    settings: options.settings, connections: options.connections, auditLog: options.auditLog, ...(frozen !== undefined && { clock: () => frozen }),
  });
  write(`worker ${handle.id} started: ${handle.districts} district(s)\n`);
  const reason = await stop;
  await handle.stop(options.graceMs ?? DEFAULT_GRACE_MS);
  const { succeeded, failed, released } = handle.stats;
  write(`worker ${handle.id} stopped (${reason}): ${succeeded} run(s) succeeded, ${failed} failed, ${released} released\n`);
  // Runs given back to the queue may still hold timers or sockets: do not wait for them.
  if (released > 0 && options.signal === undefined) setTimeout(() => process.exit(), 1000).unref();
  return 0;
}

export interface FleetStatusOptions {
  state: string;
  paths: string[];
  cwd?: string;
  now: Date;
  format: 'text' | 'json';
  settings?: Partial<FleetSettings>;
  write?: (text: string) => void;
}

async function statusDistricts(paths: string[], cwd: string | undefined): Promise<LoadedDistrict[]> {
  try {
    return (await loadDistrictsOrThrow(paths, { cwd })).districts;
  } catch (error) {
    // Without files the status still shows what the fleet recorded (no next run or schedule lag).
    if (paths.length === 0 && isSislinkError(error, 'CONFIG_NOT_FOUND')) return [];
    throw error;
  }
}

const EMPTY_ROWS: FleetRows = { lastRuns: [], failures: [], openTicks: [], latestTicks: [], workers: [], queue: {} };

export async function runFleetStatus(options: FleetStatusOptions): Promise<number> {
  requirePostgres(options.state, 'sislink fleet status');
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  checkReconcileEvery(options.settings?.reconcileEvery);
  const settings = resolveFleetSettings(options.settings);
  const districts = await statusDistricts(options.paths, options.cwd);
  const fleet = await openFleetDb(options.state, settings, 2, { migrate: false });
  try {
    const rows = (await fleetInstalled(fleet.db, fleet.schema)) ? await readFleetRows(fleet) : EMPTY_ROWS;
    const status = buildFleetStatus(rows, districts, settings.reconcileEvery, options.now);
    write(options.format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : renderFleetStatus(status));
    return 0;
  } finally {
    await fleet.db.close();
  }
}

/** `sislink worker` and `sislink fleet status`: thin entry points over the fleet modules. */
import { resolve } from 'node:path';
import { formatFinding } from '../config/format.js';
import type { LoadedDistrict } from '../config/types.js';
import { loadDistricts } from '../config/load.js';
import { cronProblem } from '../config/rules/schedule.js';
import { isSislinkError, SislinkError } from '../errors.js';
import type { ConnectionOptions } from '../jobs/connection.js';
import { getLogger } from '../log.js';
import { readConfigNotes } from './config-notes.js';
import { declaredNames, problemText } from './file-versions.js';
import { openFleetDb, requirePostgres } from './open.js';
import { renderFleetStatus } from './render.js';
import { fleetInstalled } from './schema.js';
import { resolveFleetSettings, type FleetSettings } from './settings.js';
import { readFleetRows, type FleetRows } from './status-queries.js';
import { readLinkedDistricts } from './state-links.js';
import type { LocalFileProblem } from './status-notes.js';
import { buildFleetStatus } from './status.js';
import { DEFAULT_GRACE_MS, startWorker, type WorkerHandle } from './worker.js';

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
  /** Audit log file; otherwise the state's default: the database chain for PostgreSQL state. */
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

/** SIGHUP: re-read the district files now and run a scheduler pass, as a deploy hook would ask. */
function reloadOnHangup(write: (text: string) => void): { attach(handle: WorkerHandle): void; detach(): void } {
  let handle: WorkerHandle | undefined;
  const onHangup = () => {
    if (handle === undefined) return;
    const worker = handle;
    void worker.reload()
      .then(async (summary) => {
        await worker.schedule();
        const { added, changed, removed } = summary;
        write(`worker ${worker.id} reloaded (SIGHUP): ${worker.districts} district(s); ${added.length} added, ${changed.length} changed, ${removed.length} removed\n`);
      })
      .catch((error: unknown) => getLogger().warn({ worker: worker.id, reason: error instanceof Error ? error.message : String(error) }, 'reload failed'));
  };
  // Listening from the start: SIGHUP's default action would end the process.
  process.on('SIGHUP', onHangup);
  return { attach: (started) => void (handle = started), detach: () => void process.removeListener('SIGHUP', onHangup) };
}

export async function runWorker(options: WorkerCommandOptions): Promise<number> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  checkReconcileEvery(options.settings?.reconcileEvery);
  if (options.concurrency !== undefined && !(Number.isInteger(options.concurrency) && options.concurrency >= 1)) {
    throw new SislinkError('USAGE', `--concurrency: must be a whole number of at least 1, got ${options.concurrency}`);
  }
  const frozen = options.now;
  const stop = stopRequested(options.signal);
  const hangup = reloadOnHangup(write);
  let handle: WorkerHandle;
  try {
    handle = await startWorker({
      state: options.state, paths: options.paths, cwd: options.cwd, id: options.id, concurrency: options.concurrency,
      settings: options.settings, connections: options.connections, auditLog: options.auditLog, ...(frozen !== undefined && { clock: () => frozen }),
    });
  } catch (error) {
    hangup.detach();
    throw error;
  }
  hangup.attach(handle);
  write(`worker ${handle.id} started: ${handle.districts} district(s)\n`);
  const reason = await stop;
  hangup.detach();
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

interface StatusFiles {
  districts: LoadedDistrict[];
  local: LocalFileProblem[];
}

/**
 * The valid districts of the given files (for the schedules) and the files that do not load. A bad
 * file does not stop the status: the workers keep running its last good version.
 */
async function statusDistricts(paths: string[], cwd: string | undefined): Promise<StatusFiles> {
  const base = resolve(cwd ?? process.cwd());
  let loaded;
  try {
    loaded = await loadDistricts(paths, { cwd: base });
  } catch (error) {
    // Without files the status still shows what the fleet recorded (no next run or schedule lag).
    if (paths.length === 0 && isSislinkError(error, 'CONFIG_NOT_FOUND')) return { districts: [], local: [] };
    throw error;
  }
  if (loaded.files.length === 0 && paths.length > 0) throw new SislinkError('CONFIG_NOT_FOUND', `no district found in ${paths.join(', ')}`);
  const byFile = new Map<string, string[]>();
  for (const finding of loaded.findings) {
    if (finding.severity === 'error') byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), formatFinding(finding)]);
  }
  const valid = new Set(loaded.districts.map((district) => district.config.metadata.name));
  const local: LocalFileProblem[] = [];
  for (const [file, errors] of byFile) {
    const districts = (await declaredNames(resolve(base, file))).filter((name) => !valid.has(name));
    local.push({ file, districts, problem: problemText(errors) });
  }
  return { districts: loaded.districts, local };
}


const EMPTY_ROWS: FleetRows = { lastRuns: [], failures: [], openTicks: [], latestTicks: [], workers: [], queue: {} };

export async function runFleetStatus(options: FleetStatusOptions): Promise<number> {
  requirePostgres(options.state, 'sislink fleet status');
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  checkReconcileEvery(options.settings?.reconcileEvery);
  const settings = resolveFleetSettings(options.settings);
  const { districts, local } = await statusDistricts(options.paths, options.cwd);
  const fleet = await openFleetDb(options.state, settings, 2, { migrate: false });
  try {
    const installed = await fleetInstalled(fleet.db, fleet.schema);
    const rows = installed ? await readFleetRows(fleet) : EMPTY_ROWS;
    const config = { notes: installed ? await readConfigNotes(fleet) : [], linked: await readLinkedDistricts(fleet.db), local };
    const status = buildFleetStatus(rows, districts, settings.reconcileEvery, options.now, config);
    write(options.format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : renderFleetStatus(status));
    return 0;
  } finally {
    await fleet.db.close();
  }
}

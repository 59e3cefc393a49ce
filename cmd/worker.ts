import { Command } from 'commander';
import { SislinkError } from '../src/errors.js';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

interface WorkerFlags {
  concurrency: string;
  id?: string;
  reconcileEvery: string;
  reconcileTimeout: string;
  exportTimeout: string;
  rosterTimeout: string;
  retries: string;
  retryDelay: string;
  pollInterval: string;
  scheduleInterval: string;
  maintenanceInterval: string;
  grace: string;
  auditLog?: string;
}

/** A number flag, refused with its name when it is not one (or below `min`). */
function numberFlag(name: string, value: string, min: number, integer = true): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new SislinkError('USAGE', `--${name}: expected a ${integer ? 'whole ' : ''}number of at least ${min}, got "${value}"`);
  }
  return n;
}

/** Whether --now (or SISLINK_NOW) was given: a worker's clock is frozen only then. */
function nowGiven(command: Command): boolean {
  let root = command;
  while (root.parent) root = root.parent;
  const value = root.opts<{ now?: string }>().now;
  return value !== undefined && value !== '';
}

export function makeWorkerCommand(): Command {
  return new Command('worker')
    .description('run scheduled reconciles, grade exports and roster imports of the given districts from the shared PostgreSQL job queue (until SIGINT/SIGTERM; SIGHUP re-reads the district files)')
    .argument('[paths...]', 'district files or directories (default: current directory)')
    .option('--concurrency <n>', 'district runs this worker does at the same time', '4')
    .option('--id <name>', 'name of this worker in fleet status (default: host-pid)')
    .option('--reconcile-every <cron>', 'five-field cron schedule of the reconcile, in each district\'s time zone', '*/15 * * * *')
    .option('--reconcile-timeout <seconds>', 'a reconcile still running after this long is taken as dead and retried', '900')
    .option('--export-timeout <seconds>', 'an export still running after this long is taken as dead and retried', '10800')
    .option('--roster-timeout <seconds>', 'a roster import still running after this long is taken as dead and retried', '10800')
    .option('--retries <n>', 'retries of a failed run (exponential backoff)', '4')
    .option('--retry-delay <seconds>', 'first retry delay; doubles on each retry', '30')
    .option('--poll-interval <seconds>', 'how often an idle slot asks the queue for work', '2')
    .option('--schedule-interval <seconds>', 'how often the scheduler looks for due ticks', '30')
    .option('--maintenance-interval <seconds>', 'how often expired runs are handed back to the queue', '30')
    .option('--audit-log <path>', 'audit log file of this worker (default: .sislink/audit.log; workers sharing a directory share it under a file lock)')
    .option('--grace <seconds>', 'on SIGINT/SIGTERM, wait this long for running runs before releasing them', '30')
    .action((paths: string[], flags: WorkerFlags, command: Command) =>
      runCommand(async () => {
        const globals = globalOptions(command);
        const settings = {
          reconcileEvery: flags.reconcileEvery,
          expireSeconds: {
            reconcile: numberFlag('reconcile-timeout', flags.reconcileTimeout, 1),
            export: numberFlag('export-timeout', flags.exportTimeout, 1),
            roster: numberFlag('roster-timeout', flags.rosterTimeout, 1),
          },
          retryLimit: numberFlag('retries', flags.retries, 0),
          retryDelaySeconds: numberFlag('retry-delay', flags.retryDelay, 1),
          pollIntervalMs: numberFlag('poll-interval', flags.pollInterval, 0.05, false) * 1000,
          scheduleIntervalMs: numberFlag('schedule-interval', flags.scheduleInterval, 0.05, false) * 1000,
          maintenanceIntervalSeconds: numberFlag('maintenance-interval', flags.maintenanceInterval, 1),
        };
        const { runWorker } = await import('../src/fleet/commands.js');
        return runWorker({
          state: globals.state, paths, id: flags.id, concurrency: numberFlag('concurrency', flags.concurrency, 1), settings,
          graceMs: numberFlag('grace', flags.grace, 0, false) * 1000, auditLog: flags.auditLog, ...(nowGiven(command) && { now: globals.now }),
        });
      }),
    );
}

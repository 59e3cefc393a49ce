import { Command, Option } from 'commander';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

function makeStatusCommand(): Command {
  return new Command('status')
    .description('per district: last run, outcome, next scheduled run, lag and failed runs')
    .argument('[paths...]', 'district files or directories, for the schedules (default: current directory, if it has any)')
    .option('--reconcile-every <cron>', 'the workers\' reconcile schedule (for the next run and the lag)', '*/15 * * * *')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((paths: string[], flags: { reconcileEvery: string; format: 'text' | 'json' }, command: Command) =>
      runCommand(async () => {
        const globals = globalOptions(command);
        const { runFleetStatus } = await import('../src/fleet/commands.js');
        return runFleetStatus({ state: globals.state, now: globals.now, paths, format: flags.format, settings: { reconcileEvery: flags.reconcileEvery } });
      }),
    );
}

export function makeFleetCommand(): Command {
  return new Command('fleet')
    .description('the worker fleet on a shared PostgreSQL state store')
    .addCommand(makeStatusCommand());
}

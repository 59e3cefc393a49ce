import { Command, Option } from 'commander';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

export function makeStateCommand(): Command {
  const state = new Command('state').description('inspect the state store, clear locks, move it to PostgreSQL');
  state
    .command('show')
    .description('links, locks and pending manual steps (secrets only as references and fingerprints)')
    .argument('[district]', 'only this district')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((district: string | undefined, options: { format: 'text' | 'json' }, command: Command) =>
      runCommand(async () => {
        const { runStateShow } = await import('../src/state/show.js');
        return runStateShow({ stateUrl: globalOptions(command).state, format: options.format, ...(district !== undefined && { district }) });
      }),
    );
  state
    .command('unlock')
    .description('remove the lock on a district whatever its holder (recorded in the audit log)')
    .argument('<district>', 'district name')
    .action((district: string, _options: unknown, command: Command) =>
      runCommand(async () => {
        const { runStateUnlock } = await import('../src/state/unlock.js');
        return runStateUnlock({ stateUrl: globalOptions(command).state, district });
      }),
    );
  state
    .command('move')
    .description('carry the SQLite state (--state) and its audit log into an empty PostgreSQL store, in one transaction; the old store then refuses to open')
    .argument('<url>', 'the PostgreSQL store to fill: postgres://USER:PASSWORD@HOST:PORT/DATABASE')
    .option('--dry-run', 'run every check and the copy in a transaction that is rolled back; nothing is written')
    .option('--audit-log <file>', 'the audit log to carry (default: the one next to the state)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((url: string, options: { dryRun?: boolean; auditLog?: string; format: 'text' | 'json' }, command: Command) =>
      runCommand(async () => {
        const { runStateMove } = await import('../src/state/move.js');
        return runStateMove({
          stateUrl: globalOptions(command).state, to: url, format: options.format, dryRun: options.dryRun === true,
          ...(options.auditLog !== undefined && { auditFile: options.auditLog }),
        });
      }),
    );
  return state;
}

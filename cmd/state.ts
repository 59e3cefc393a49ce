import { Command, Option } from 'commander';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

export function makeStateCommand(): Command {
  const state = new Command('state').description('inspect the state store and clear locks');
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
  return state;
}

// The built `roster` command under the global options, for tests run before cmd/main.ts registers it.
import { Command, Option } from 'commander';

const { makeRosterCommand } = await import('../../dist/cmd/roster.js');
const program = new Command('sislink')
  .addOption(new Option('--state <url>').env('SISLINK_STATE'))
  .addOption(new Option('--now <iso-8601>').env('SISLINK_NOW'))
  .addOption(new Option('--log-level <level>').default('warn'));
program.addCommand(makeRosterCommand());
await program.parseAsync(process.argv);

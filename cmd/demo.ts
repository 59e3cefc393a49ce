import { Command } from 'commander';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

export function makeDemoCommand(): Command {
  return new Command('demo')
    .description('run the whole flow against a local sandbox SIS: validate, plan, apply, plan, export twice, audit verify')
    .option('--dir <dir>', 'where to write the demo repository (default: a new temporary directory)')
    .action((options: { dir?: string }, command: Command) =>
      runCommand(async () => {
        const { now } = globalOptions(command);
        const { runDemo } = await import('../src/commands/demo.js');
        return runDemo({ dir: options.dir, now });
      }),
    );
}

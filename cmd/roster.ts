import { Command, Option } from 'commander';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

interface RosterFlags {
  format: 'text' | 'json';
  allowMassRemoval?: boolean;
  detailedExitcode?: boolean;
}

function makeModeCommand(mode: 'plan' | 'apply', description: string): Command {
  const command = new Command(mode)
    .description(description)
    .argument('[paths...]', 'district files or directories (default: current directory)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  if (mode === 'apply') command.option('--allow-mass-removal', 'apply even when the SIS roster shrank sharply (safety rails)');
  else command.option('--detailed-exitcode', 'exit 2 when changes are planned, 0 when none');
  return command.action((paths: string[], options: RosterFlags, self: Command) =>
    runCommand(async () => {
      const globals = globalOptions(self);
      const { runRoster } = await import('../src/commands/roster.js');
      return runRoster({
        ...globals, paths, mode, format: options.format, allowMassRemoval: options.allowMassRemoval, detailedExitCode: options.detailedExitcode,
        progress: process.stderr.isTTY ? (text) => void process.stderr.write(text) : undefined,
      });
    }),
  );
}

export function makeRosterCommand(): Command {
  return new Command('roster')
    .description('roster import: SIS classes and enrollments into Classroom courses (planned, safe, resumable)')
    .addCommand(makeModeCommand('plan', 'show the courses to create and the teachers and students to add or remove'))
    .addCommand(makeModeCommand('apply', 'import the roster; refuses mass removals unless --allow-mass-removal'));
}

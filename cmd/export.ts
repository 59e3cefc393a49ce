import { Command, Option } from 'commander';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

function makeModeCommand(mode: 'plan' | 'run', description: string): Command {
  return new Command(mode)
    .description(description)
    .argument('[paths...]', 'district files or directories (default: current directory)')
    .option('--job <name>', 'only this export job (spec.exports[].name)')
    .option('--full', 're-send everything, ignoring the checkpoints')
    .addOption(new Option('--format <format>', 'summary format').choices(['text', 'json']).default(mode === 'run' ? 'json' : 'text'))
    .action((paths: string[], options: { job?: string; full?: boolean; format: 'text' | 'json' }, command: Command) =>
      runCommand(async () => {
        const globals = globalOptions(command);
        const { runExport } = await import('../src/commands/export.js');
        return runExport({
          ...globals, paths, mode, job: options.job, full: options.full, format: options.format,
          progress: process.stderr.isTTY ? (text) => void process.stderr.write(text) : undefined,
        });
      }),
    );
}

export function makeExportCommand(): Command {
  return new Command('export')
    .description('grade export: Classroom grades to the SIS (idempotent, incremental, resumable)')
    .addCommand(makeModeCommand('plan', 'show what an export would write: creates, updates, deletes per class'))
    .addCommand(makeModeCommand('run', 'export grades; prints a JSON summary (exit 1 when an item failed)'));
}

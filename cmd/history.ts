import { Command, Option } from 'commander';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

export function makeHistoryCommand(): Command {
  return new Command('history')
    .description('configuration history from git: who changed what (semantic diff), in which pull request, and when it was applied')
    .argument('[paths...]', 'district files or directories (default: current directory)')
    .option('--since <date>', 'only versions committed on or after this date (ISO 8601)')
    .option('--audit-log <file>', 'audit log to join (default: next to the state store)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .action((paths: string[], options: { since?: string; auditLog?: string; format: 'text' | 'markdown' | 'json' }, command: Command) =>
      runCommand(async () => {
        const globals = globalOptions(command);
        const { runHistory } = await import('../src/history/run.js');
        return runHistory({ paths, since: options.since, auditLog: options.auditLog, format: options.format, state: globals.state });
      }),
    );
}

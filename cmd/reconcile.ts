import { Command, Option } from 'commander';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

export function makeReconcileCommand(): Command {
  return new Command('reconcile')
    .description('plan and apply in one non-interactive run (for schedulers); reports drift separately')
    .argument('[paths...]', 'district files or directories (default: current directory)')
    .option('--lock-timeout <seconds>', 'wait this long for a district lock held by another run', '0')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((paths: string[], options: { lockTimeout: string; format: 'text' | 'json' }, command: Command) =>
      runCommand(async () => {
        const globals = globalOptions(command);
        const { runReconcile } = await import('../src/commands/reconcile.js');
        return runReconcile({ ...globals, paths, lockTimeoutMs: Number(options.lockTimeout) * 1000, format: options.format });
      }),
    );
}

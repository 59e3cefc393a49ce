import { Command } from 'commander';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

export function makeApplyCommand(): Command {
  return new Command('apply')
    .description('apply a saved plan exactly, or plan and apply district files')
    .argument('[targets...]', 'a plan file written by `plan --out`, or district files/directories')
    .option('--auto-approve', 'apply without asking (required when there is no terminal)')
    .option('--lock-timeout <seconds>', 'wait this long for a district lock held by another run', '0')
    .option('--allow-unlink', 'unlink districts whose files were removed')
    .action((targets: string[], options: { autoApprove?: boolean; lockTimeout: string; allowUnlink?: boolean }, command: Command) =>
      runCommand(async () => {
        const globals = globalOptions(command);
        const { runApply, terminalConfirm } = await import('../src/commands/apply.js');
        return runApply({
          ...globals,
          targets,
          autoApprove: options.autoApprove === true,
          lockTimeoutMs: Number(options.lockTimeout) * 1000,
          allowUnlink: options.allowUnlink,
          confirm: process.stdin.isTTY && process.stderr.isTTY ? terminalConfirm : undefined,
        });
      }),
    );
}

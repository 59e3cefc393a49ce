import { Command, Option } from 'commander';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

export function makePlanCommand(): Command {
  return new Command('plan')
    .description('show what apply would change, per district')
    .argument('[paths...]', 'district files or directories (default: current directory)')
    .option('--out <file>', 'save the plan (JSON) for `sislink apply FILE`')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--detailed-exitcode', 'exit 0 when nothing would change, 2 when something would, 1 on error')
    .option('--allow-unlink', 'plan to unlink districts whose files were removed')
    .action((paths: string[], options: { out?: string; format: 'text' | 'markdown' | 'json'; detailedExitcode?: boolean; allowUnlink?: boolean }, command: Command) =>
      runCommand(async () => {
        const globals = globalOptions(command);
        const { runPlan } = await import('../src/commands/plan.js');
        return runPlan({ ...globals, paths, out: options.out, format: options.format, detailedExitcode: options.detailedExitcode === true, allowUnlink: options.allowUnlink });
      }),
    );
}

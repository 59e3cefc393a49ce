import { Command } from 'commander';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

export function makeAttestCommand(): Command {
  return new Command('attest')
    .description('record that a person carried out a manual console step')
    .argument('<district>', 'district name (metadata.name)')
    .argument('<step-id>', 'the step id shown by `sislink plan`')
    .option('--actor <name>', 'who did it (default: GITHUB_ACTOR or the OS user)')
    .action((district: string, stepId: string, options: { actor?: string }, command: Command) =>
      runCommand(async () => {
        const globals = globalOptions(command);
        const { runAttest } = await import('../src/commands/attest.js');
        return runAttest({ ...globals, district, stepId, actor: options.actor });
      }),
    );
}

import { Command } from 'commander';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

export function makeAuditCommand(): Command {
  const audit = new Command('audit').description('inspect the tamper-evident audit log');
  audit
    .command('verify')
    .description('check the hash chain of the audit log; exits 1 naming the first broken line')
    .argument('[file]', 'audit log (default: audit.log next to the state, .sislink/audit.log)')
    .action((file: string | undefined, _options: unknown, command: Command) =>
      runCommand(async () => {
        const { runAuditVerify } = await import('../src/audit/verify-command.js');
        return runAuditVerify({ stateUrl: globalOptions(command).state, ...(file !== undefined && { file }) });
      }),
    );
  return audit;
}

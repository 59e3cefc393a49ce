import { Command } from 'commander';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

export function makeAuditCommand(): Command {
  const audit = new Command('audit').description('inspect the tamper-evident audit log');
  audit
    .command('verify')
    .description('check the hash chain of the audit log; exits 1 naming the first broken line (seq)')
    .argument('[file]', 'audit log file (default: the state\'s log: audit.log next to a SQLite state, the database chain for postgres://)')
    .action((file: string | undefined, _options: unknown, command: Command) =>
      runCommand(async () => {
        const { runAuditVerify } = await import('../src/audit/verify-command.js');
        return runAuditVerify({ stateUrl: globalOptions(command).state, ...(file !== undefined && { file }) });
      }),
    );
  audit
    .command('export')
    .description('write the state\'s audit log (the database chain for postgres://) to FILE and FILE.head, then verify it')
    .argument('<file>', 'file to write')
    .action((file: string, _options: unknown, command: Command) =>
      runCommand(async () => {
        const { runAuditExport } = await import('../src/audit/export-command.js');
        return runAuditExport({ stateUrl: globalOptions(command).state, file });
      }),
    );
  return audit;
}

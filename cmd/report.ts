import { Command } from 'commander';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

export function makeReportCommand(): Command {
  return new Command('report')
    .description("write the auditor's report: districts, access record timelines, last applies, config history (one HTML file)")
    .argument('[paths...]', 'district files or directories (default: current directory)')
    .requiredOption('--out <file>', 'HTML file to write, e.g. report.html')
    .option('--audit-log <file>', 'audit log to read (default: next to the state store)')
    .action((paths: string[], options: { out: string; auditLog?: string }, command: Command) =>
      runCommand(async () => {
        const globals = globalOptions(command);
        const { runReport } = await import('../src/report/run.js');
        return runReport({ paths, out: options.out, auditLog: options.auditLog, now: globals.now, state: globals.state });
      }),
    );
}

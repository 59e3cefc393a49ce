import { Command, Option } from 'commander';
import { EXIT_COVERAGE_LOW, EXIT_OK, runCommand } from './exit.js';
import { globalOptions } from './globals.js';
import { SislinkError } from '../src/errors.js';

function warningDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 0) throw new SislinkError('USAGE', `--warning-days: "${value}" is not a whole number of days`);
  return days;
}

export function makeCredentialsCommand(): Command {
  const credentials = new Command('credentials').description('SIS access records and their yearly rotation');
  credentials.addCommand(
    new Command('status')
      .description('each access record with its window and state, the next rollover and the days of coverage left; exit 3 when coverage is low')
      .argument('[paths...]', 'district files or directories (default: current directory)')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
      .option('--warning-days <days>', "alert when fewer days are covered (default: each district's rotation.warningDays, else 30)")
      .action((paths: string[], options: { format: 'text' | 'json'; warningDays?: string }, command: Command) =>
        runCommand(async () => {
          const globals = globalOptions(command);
          const { runCredentialsStatus } = await import('../src/rotation/status-run.js');
          const report = await runCredentialsStatus({ ...globals, paths, format: options.format, warningDays: warningDays(options.warningDays) });
          return report.ok ? EXIT_OK : EXIT_COVERAGE_LOW;
        }),
      ),
  );
  return credentials;
}

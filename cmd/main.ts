#!/usr/bin/env node
/**
 * CLI wiring only. Each subcommand lives in its own file as a `make...Command()` factory and
 * imports its implementation lazily, so `sislink --help` loads nothing heavy.
 */
import { Command, Option } from 'commander';
import { createRequire } from 'node:module';
import { makeValidateCommand } from './validate.js';
import { makeMigrateCommand } from './migrate.js';
import { makeSandboxCommand } from './sandbox.js';
import { makePlanCommand } from './plan.js';
import { makeApplyCommand } from './apply.js';
import { makeReconcileCommand } from './reconcile.js';
import { makeAttestCommand } from './attest.js';
import { makeAuditCommand } from './audit.js';
import { makeStateCommand } from './state.js';
import { makeDemoCommand } from './demo.js';
import { makeExportCommand } from './export.js';
import { makeCredentialsCommand } from './credentials.js';
import { makeRosterCommand } from './roster.js';
import { makeWorkerCommand } from './worker.js';
import { makeFleetCommand } from './fleet.js';
import { makeGithubCommand } from './github.js';
import { makeHistoryCommand } from './history.js';
import { makeReportCommand } from './report.js';
import { parseNow } from './globals.js';
import { formatError, EXIT_ERROR } from './exit.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

export function makeProgram(): Command {
  const program = new Command('sislink')
    .description('Keep the Google Classroom <-> SIS (OneRoster) link of school districts as code.')
    .version(version, '-V, --version')
    .addOption(new Option('--state <url>', 'state store: sqlite:PATH or postgres://...').env('SISLINK_STATE'))
    .addOption(new Option('--now <iso-8601>', 'the clock used for every date decision').env('SISLINK_NOW'))
    .addOption(
      new Option('--log-level <level>', 'log level (logs go to stderr)')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('warn')
        .env('SISLINK_LOG_LEVEL'),
    )
    .showHelpAfterError()
    .hook('preAction', async (root) => {
      const opts = root.opts<{ now?: string; logLevel: string }>();
      parseNow(opts.now);
      const { createLogger, setLogger } = await import('../src/log.js');
      setLogger(createLogger({ level: opts.logLevel as 'warn' }));
    });

  program.addCommand(makeValidateCommand());
  program.addCommand(makeMigrateCommand());
  program.addCommand(makePlanCommand());
  program.addCommand(makeApplyCommand());
  program.addCommand(makeReconcileCommand());
  program.addCommand(makeAttestCommand());
  program.addCommand(makeExportCommand());
  program.addCommand(makeCredentialsCommand());
  program.addCommand(makeRosterCommand());
  program.addCommand(makeStateCommand());
  program.addCommand(makeAuditCommand());
  program.addCommand(makeWorkerCommand());
  program.addCommand(makeFleetCommand());
  program.addCommand(makeSandboxCommand());
  program.addCommand(makeGithubCommand());
  program.addCommand(makeHistoryCommand());
  program.addCommand(makeReportCommand());
  program.addCommand(makeDemoCommand());
  return program;
}

try {
  await makeProgram().parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`${formatError(error)}\n`);
  process.exitCode = EXIT_ERROR;
}

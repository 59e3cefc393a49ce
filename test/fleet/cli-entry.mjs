// Runs the built `worker` and `fleet` subcommands with the CLI's global flags, for as long as
// bin/sislink.js does not list them yet (test/fleet/helpers.ts prefers the real CLI).
import { Command, Option } from 'commander';
import { makeWorkerCommand } from '../../dist/cmd/worker.js';
import { makeFleetCommand } from '../../dist/cmd/fleet.js';
import { formatError } from '../../dist/cmd/exit.js';

const program = new Command('sislink')
  .addOption(new Option('--state <url>').env('SISLINK_STATE'))
  .addOption(new Option('--now <iso-8601>').env('SISLINK_NOW'))
  .addOption(new Option('--log-level <level>').default('warn').env('SISLINK_LOG_LEVEL'))
  .hook('preAction', async (root) => {
    const { createLogger, setLogger } = await import('../../dist/src/log.js');
    setLogger(createLogger({ level: root.opts().logLevel }));
  });
program.addCommand(makeWorkerCommand());
program.addCommand(makeFleetCommand());
try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`${formatError(error)}\n`);
  process.exitCode = 1;
}

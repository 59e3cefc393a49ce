// The built `worker` command with the CLI's global flags, used while bin/sislink.js does not list it.
import { Command, Option } from 'commander';
import { makeWorkerCommand } from '../../dist/cmd/worker.js';
import { formatError } from '../../dist/cmd/exit.js';

const program = new Command('sislink')
  .addOption(new Option('--state <url>').env('SISLINK_STATE'))
  .addOption(new Option('--now <iso-8601>').env('SISLINK_NOW'))
  .addOption(new Option('--log-level <level>').default('warn'))
  .hook('preAction', async (root) => {
    const { createLogger, setLogger } = await import('../../dist/src/log.js');
    setLogger(createLogger({ level: root.opts().logLevel }));
  });
program.addCommand(makeWorkerCommand());
try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`${formatError(error)}\n`);
  process.exitCode = 1;
}

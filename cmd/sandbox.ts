import { Command, Option } from 'commander';
import { runCommand } from './exit.js';
import { parseNow } from './globals.js';

export function makeSandboxCommand(): Command {
  return new Command('sandbox')
    .description('run a local OneRoster 1.1/1.2 SIS (token endpoint, rostering, gradebook, admin API) for tests, demos and rehearsals')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 = any free port)', '0')
    .option('--seed <n>', 'seed for the generated data and the fault sequence', '1')
    .addOption(new Option('--size <size>', 'named data size').choices(['tiny', 'small', 'medium', 'large']).default('small'))
    .option('--schools <n>', 'number of schools (overrides --size)')
    .option('--classes <n>', 'number of classes (overrides --size)')
    .option('--students <n>', 'number of students (overrides --size)')
    .option('--domain <domain>', 'e-mail domain of generated users', 'sandbox.example.edu')
    .option('--school-year <year>', 'ending year of the school year (default: the one containing today)')
    .option('--client-id <id>', 'key of the built-in access record', 'sandbox-client')
    .addOption(new Option('--client-secret <secret>', 'secret of the built-in access record (default: the demo value sandbox-secret)').env('SISLINK_SANDBOX_CLIENT_SECRET'))
    .addOption(new Option('--admin-token <token>', 'bearer token of the admin API (default: the demo value sandbox-admin)').env('SISLINK_SANDBOX_ADMIN_TOKEN'))
    .option('--no-builtin-client', 'only admin-created access records can get tokens')
    .option('--token-ttl <seconds>', 'lifetime of access tokens', '3600')
    .option('--data <file>', 'load state from FILE on start (when it exists) and write it there on exit')
    .option('--faults <spec>', "inject faults, e.g. '429=0.05,503=0.03,500=0.01,drop=0.02,latency=20ms,tokenExpiry=0.1,retryAfter=1'")
    .action((options: Record<string, string | boolean | undefined>, command: Command) => runCommand(async () => {
      let root = command;
      while (root.parent) root = root.parent;
      const now = root.opts<{ now?: string }>().now;
      const { runSandboxCommand } = await import('../src/sandbox/run.js');
      return runSandboxCommand({ ...options, now: now ? parseNow(now) : undefined });
    }));
}

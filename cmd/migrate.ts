import { Command } from 'commander';
import { runCommand } from './exit.js';

export function makeMigrateCommand(): Command {
  return new Command('migrate')
    .description('upgrade a district file from an older apiVersion (e.g. sislink/v1alpha1) to sislink/v1; prints a unified diff')
    .argument('<file>', 'district file to migrate')
    .option('--write', 'rewrite the file in place (atomically, keeping comments)', false)
    .action((file: string, opts: { write: boolean }) => runCommand(async () => {
      const { runMigrate } = await import('../src/config/migrate.js');
      return runMigrate({ file, write: opts.write });
    }));
}

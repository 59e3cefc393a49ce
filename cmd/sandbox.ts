import { Command } from 'commander';
import { runCommand } from './exit.js';
import { SislinkError } from '../src/errors.js';

export function makeSandboxCommand(): Command {
  return new Command('sandbox')
    .description('(not available yet)')
    .action(() => runCommand(async () => {
      throw new SislinkError('USAGE', 'sandbox is not available in this build');
    }));
}

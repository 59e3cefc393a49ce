import { Command } from 'commander';
import { runCommand } from './exit.js';
import { SislinkError } from '../src/errors.js';

export function makeStateCommand(): Command {
  return new Command('state')
    .description('(not available yet)')
    .action(() => runCommand(async () => {
      throw new SislinkError('USAGE', 'state is not available in this build');
    }));
}

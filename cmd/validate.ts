import { Command } from 'commander';
import { runCommand } from './exit.js';
import { SislinkError } from '../src/errors.js';

export function makeValidateCommand(): Command {
  return new Command('validate')
    .description('(not available yet)')
    .action(() => runCommand(async () => {
      throw new SislinkError('USAGE', 'validate is not available in this build');
    }));
}

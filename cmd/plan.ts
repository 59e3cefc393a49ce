import { Command } from 'commander';
import { runCommand } from './exit.js';
import { SislinkError } from '../src/errors.js';

export function makePlanCommand(): Command {
  return new Command('plan')
    .description('(not available yet)')
    .action(() => runCommand(async () => {
      throw new SislinkError('USAGE', 'plan is not available in this build');
    }));
}

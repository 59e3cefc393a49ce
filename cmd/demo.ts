import { Command } from 'commander';
import { runCommand } from './exit.js';
import { SislinkError } from '../src/errors.js';

export function makeDemoCommand(): Command {
  return new Command('demo')
    .description('(not available yet)')
    .action(() => runCommand(async () => {
      throw new SislinkError('USAGE', 'demo is not available in this build');
    }));
}

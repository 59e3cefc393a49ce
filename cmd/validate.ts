import { Command, Option } from 'commander';
import { runCommand } from './exit.js';

export function makeValidateCommand(): Command {
  return new Command('validate')
    .description('check district files (default: *.yaml/*.yml under the current directory) against the schema and the semantic rules')
    .argument('[paths...]', 'files or directories to validate')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--check-secrets', 'resolve every secret reference and report whether it resolves (values are never printed)', false)
    .addHelpText('after', '\nOutput: FILE:LINE:COL: error|warning CODE DOTTED.PATH: message\nExit codes: 0 no errors (warnings allowed), 1 errors found.')
    .action((paths: string[], opts: { format: 'text' | 'json'; checkSecrets: boolean }) => runCommand(async () => {
      const { runValidate } = await import('../src/config/validate.js');
      return runValidate({ paths, format: opts.format, checkSecrets: opts.checkSecrets });
    }));
}

/** `env:NAME`: the value of an environment variable. */
import type { SecretBackend, SecretLookup } from '../types.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function createEnvBackend(env: NodeJS.ProcessEnv = process.env): SecretBackend {
  return {
    validate(target: string): string | undefined {
      return NAME.test(target) ? undefined : 'env: needs a variable name matching [A-Za-z_][A-Za-z0-9_]*';
    },
    async resolve(target: string): Promise<SecretLookup> {
      const value = env[target];
      if (value === undefined) return { found: false, reason: `environment variable ${target} is not set` };
      if (value === '') return { found: false, reason: `environment variable ${target} is empty` };
      return { found: true, value };
    },
  };
}

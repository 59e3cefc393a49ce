/** Opens a writable secret store from its spec: `file:DIR` or `exec:COMMAND`. */
import { SislinkError } from '../../errors.js';
import type { SecretStoreContext, WritableSecretStore } from './types.js';
import { openFileStore } from './file-store.js';
import { openExecStore } from './exec-store.js';

export type { SecretStoreContext, WritableSecretStore } from './types.js';
export { sanitiseSecretName } from './names.js';

export function openSecretStore(spec: string, context: SecretStoreContext): WritableSecretStore {
  const colon = spec.indexOf(':');
  const scheme = colon < 0 ? '' : spec.slice(0, colon);
  const rest = spec.slice(colon + 1);
  if (scheme === 'file' && rest.trim() !== '') return openFileStore(spec, rest, context);
  if (scheme === 'exec' && rest.trim() !== '') return openExecStore(rest, context);
  // The spec is not echoed: a malformed one may be a pasted secret.
  throw new SislinkError('CONFIG_INVALID', 'secret store is not valid: expected file:DIR or exec:COMMAND');
}

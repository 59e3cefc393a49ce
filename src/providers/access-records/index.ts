/** Opens a district's access-record provider from its rotation policy. */
import type { Dispatcher } from 'undici';
import type { RotationPolicy } from '../../config/types.js';
import { SislinkError } from '../../errors.js';
import { sandboxHttpProvider } from './sandbox-http.js';
import type { AccessRecordProvider } from './types.js';

export type { AccessRecordProvider, NewRecord, ProviderRecord } from './types.js';
export { manualCreateInstructions, manualRetireInstructions, manualSecretRef, type ManualCreateInput } from './manual.js';
export { sandboxHttpProvider, type SandboxHttpOptions } from './sandbox-http.js';

/**
 * The automatic provider of a policy, or undefined for `manual`. `resolveToken` turns the
 * providerToken reference into its value (resolved just in time, registered for redaction).
 */
export async function openAccessRecordProvider(
  policy: RotationPolicy,
  resolveToken: (ref: string) => Promise<string | undefined>,
  options: { dispatcher?: Dispatcher } = {},
): Promise<AccessRecordProvider | undefined> {
  if (policy.provider === 'manual') return undefined;
  if (policy.providerUrl === undefined || policy.providerToken === undefined) {
    throw new SislinkError('CONFIG_INVALID', 'rotation provider sandbox-http needs providerUrl and providerToken');
  }
  const token = await resolveToken(policy.providerToken);
  if (token === undefined) throw new SislinkError('SECRET_UNRESOLVED', `the access-record provider token ${policy.providerToken} does not resolve`);
  return sandboxHttpProvider({ url: policy.providerUrl, token, dispatcher: options.dispatcher });
}

/**
 * Errors of writable secret stores. Messages name the store and the secret's name, never its
 * value; `details.reason` distinguishes a conflict from a failure.
 */
import { SislinkError } from '../../errors.js';

export function storeConflict(spec: string, name: string): SislinkError {
  return new SislinkError('APPLY_REFUSED',
    `secret store ${spec} already holds a different value for '${name}'; refusing to overwrite it`,
    { details: { reason: 'SECRET_STORE_CONFLICT', store: spec, name } });
}

export function storeFailed(spec: string, name: string, problem: string): SislinkError {
  return new SislinkError('STATE_ERROR', `secret store ${spec} could not handle '${name}': ${problem}`,
    { details: { reason: 'SECRET_STORE_FAILED', store: spec, name } });
}

/** Writable secret stores hold secrets sislink generates (rotation), and give back a reference. */
import type { SecretRef } from '../../config/types.js';
import type { SecretContext } from '../types.js';

export interface WritableSecretStore {
  /** The store for messages: `file:DIR` as configured, `exec:PROGRAM` (arguments left out); safe to print. */
  readonly spec: string;
  /**
   * Stores `value` under `name` and returns the reference that reads it back. Idempotent for the
   * same value; storing a different value under an existing name is refused.
   */
  put(name: string, value: string): Promise<SecretRef>;
  /** The stored value, registered for redaction, or undefined when nothing is stored under `name`. */
  get(name: string): Promise<string | undefined>;
}

export interface SecretStoreContext extends SecretContext {
  /**
   * exec: stores only. Template of the reference to return, `{name}` replaced by the sanitised
   * name (e.g. `env:SISLINK_{name}`); when absent the command's first stdout line is the reference.
   */
  referencePattern?: string;
  /** exec: stores only: kill the command after this many milliseconds (default 120000). */
  timeoutMs?: number;
}

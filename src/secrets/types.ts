/** Contracts of secret reference backends. */

/** Where a reference is resolved from. */
export interface SecretContext {
  /** The district file holding the reference; `file:` paths are relative to its directory. */
  configFile: string;
  /** Repository root; `file:` references may not leave it (see findRepoRoot). */
  repoRoot: string;
  /** When set, `file:` references must stay inside this directory instead (relative: to repoRoot). */
  secretsDir?: string;
}

/** The outcome of a lookup. `reason` says what is missing and never holds the value. */
export type SecretLookup =
  | { found: true; value: string }
  | { found: false; reason: string; invalid?: boolean };

export interface SecretBackend {
  /** Why a target is malformed (without echoing it), or undefined when it is well formed. */
  validate(target: string): string | undefined;
  /** Reads the value just in time. */
  resolve(target: string, context: SecretContext): Promise<SecretLookup>;
}

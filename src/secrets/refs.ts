/**
 * Secret references (`env:NAME`, `file:relative/path`, and schemes added with
 * registerSecretBackend): parsed without reading anything, resolved just in time, and every
 * resolved value registered for redaction. Messages name the reference, never the value.
 */
import { SislinkError } from '../errors.js';
import { registerSecret } from './redact.js';
import type { SecretBackend, SecretContext, SecretLookup } from './types.js';
import { createEnvBackend } from './backends/env.js';
import { createFileBackend } from './backends/file.js';
import { looksLikeCredential } from './detect.js';

export type { SecretBackend, SecretContext, SecretLookup } from './types.js';
export { findRepoRoot } from './paths.js';

export type ParsedSecretRef = { scheme: string; target: string };
const MAX_REFERENCE_LENGTH = 1024;
const SCHEME = /^[a-z][a-z0-9+.-]*$/;

const backends = new Map<string, SecretBackend>([
  ['env', createEnvBackend()],
  ['file', createFileBackend()],
]);

/** Adds (or replaces) the backend for `scheme:` references. */
export function registerSecretBackend(scheme: string, backend: SecretBackend): void {
  if (!SCHEME.test(scheme)) throw new SislinkError('USAGE', `secret backend scheme '${scheme}' must match ${SCHEME.source}`);
  backends.set(scheme, backend);
}

export function registeredSecretSchemes(): string[] {
  return [...backends.keys()];
}

/**
 * Parses `scheme:target`. Error texts never repeat the input: a malformed reference is often a
 * pasted secret.
 */
export function parseSecretRef(text: string): ParsedSecretRef | { error: string } {
  if (typeof text !== 'string' || text === '') return { error: 'a secret reference must be a non-empty string such as env:NAME' };
  if (text.length > MAX_REFERENCE_LENGTH) return { error: `a secret reference is at most ${MAX_REFERENCE_LENGTH} characters` };
  const colon = text.indexOf(':');
  const scheme = colon > 0 ? text.slice(0, colon) : '';
  const backend = SCHEME.test(scheme) ? backends.get(scheme) : undefined;
  if (backend === undefined) {
    return { error: `not a secret reference: expected one of ${[...backends.keys()].map((s) => `${s}:...`).join(', ')}` };
  }
  const target = text.slice(colon + 1);
  const problem = backend.validate(target);
  return problem === undefined ? { scheme, target } : { error: problem };
}

export function isSecretRef(text: string): boolean {
  return !('error' in parseSecretRef(text));
}

/** True for text that is not a valid reference and looks like a credential (token, key, blob, JWT, PEM). */
export function looksLikeSecretValue(text: string): boolean {
  if (typeof text !== 'string' || isSecretRef(text)) return false;
  return looksLikeCredential(text);
}

/**
 * Resolves a reference just in time and registers the value for redaction before returning it.
 * Throws SECRET_REFERENCE_INVALID (malformed, or a path escaping its root) or SECRET_UNRESOLVED.
 */
export async function resolveSecretRef(ref: string, context: SecretContext): Promise<string> {
  const parsed = parseSecretRef(ref);
  if ('error' in parsed) throw new SislinkError('SECRET_REFERENCE_INVALID', `invalid secret reference: ${parsed.error}`);
  const backend = backends.get(parsed.scheme);
  if (backend === undefined) throw new SislinkError('SECRET_REFERENCE_INVALID', `no backend for ${parsed.scheme}: references`);
  const lookup = await backend.resolve(parsed.target, context).catch((cause: unknown): SecretLookup => ({
    found: false,
    // Only the error code: a backend's own message is not known to be free of the value.
    reason: `the ${parsed.scheme} backend failed (${(cause as NodeJS.ErrnoException).code ?? 'error'})`,
  }));
  if (!lookup.found) {
    const code = lookup.invalid === true ? 'SECRET_REFERENCE_INVALID' : 'SECRET_UNRESOLVED';
    throw new SislinkError(code, `secret ${ref} (in ${context.configFile}) did not resolve: ${lookup.reason}`, {
      details: { reference: ref, configFile: context.configFile },
    });
  }
  registerSecret(lookup.value);
  return lookup.value;
}

/**
 * Makes a URL safe to print: drops userinfo, blanks query parameters that carry credentials or
 * signatures, then scrubs registered secret values (which also catches secrets in the path).
 */
import { redact, REDACTED } from '../secrets/redact.js';

const SECRET_PARAMS = new Set([
  'access_token', 'refresh_token', 'id_token', 'token', 'client_secret', 'client_id_secret', 'secret',
  'password', 'passwd', 'pwd', 'sig', 'signature', 'oauth_signature', 'api_key', 'apikey', 'key', 'code',
  'x-amz-signature', 'x-goog-signature', 'x-amz-credential', 'x-goog-credential',
]);

export function isSecretParam(name: string): boolean {
  return SECRET_PARAMS.has(name.toLowerCase());
}

export function scrubUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redact(url.replace(/\/\/[^/@\s]*@/, '//'));
  }
  parsed.username = '';
  parsed.password = '';
  for (const name of [...parsed.searchParams.keys()]) {
    if (isSecretParam(name)) parsed.searchParams.set(name, REDACTED);
  }
  // URLSearchParams percent-encodes the marker; keep it readable.
  return redact(parsed.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED));
}

/** PostgreSQL connection URLs: register their passwords as secrets and show them without. */
import { registerSecret } from '../../secrets/redact.js';

const SECRET_PARAMS = ['password', 'sslpassword'];

/** Registers every password the URL carries (user-info and query forms) for redaction. */
export function registerUrlSecrets(url: string): void {
  const parsed = tryParse(url);
  if (parsed === undefined) {
    const password = /^[a-z][a-z0-9+.-]*:\/\/[^:@/]*:([^@/]*)@/i.exec(url)?.[1];
    if (password) registerSecret(safeDecode(password));
    return;
  }
  if (parsed.password !== '') {
    registerSecret(parsed.password);
    registerSecret(safeDecode(parsed.password));
  }
  for (const name of SECRET_PARAMS) {
    const value = parsed.searchParams.get(name);
    if (value) registerSecret(value);
  }
}

/** The URL without any password, safe for messages, logs and `store.url`. */
export function safePostgresUrl(url: string): string {
  const parsed = tryParse(url);
  if (parsed === undefined) return url.replace(/\/\/[^@/]*@/, '//***@');
  parsed.password = '';
  for (const name of SECRET_PARAMS) parsed.searchParams.delete(name);
  return parsed.toString();
}

function tryParse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

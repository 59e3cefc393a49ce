/** Reading an OAuth 2.0 token endpoint's answer; the token is registered as a secret at once. */
import { redact, registerSecret } from '../secrets/redact.js';
import { HttpError } from './errors.js';
import type { HttpResponse } from './types.js';

/** Assumed when the response gives no usable `expires_in`. */
const DEFAULT_EXPIRES_IN_S = 3600;

export interface IssuedToken {
  token: string;
  lifetimeMs: number;
}

/** `error: error_description` of an OAuth error body (redacted, description cut short), if any. */
export function oauthErrorOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown; error_description?: unknown };
    if (typeof body.error !== 'string') return undefined;
    const description = typeof body.error_description === 'string' ? `: ${body.error_description.slice(0, 200)}` : '';
    return redact(`${body.error}${description}`);
  } catch {
    return undefined;
  }
}

/** The access token of a successful response; throws AUTH_FAILED when there is none. */
export function issuedToken(response: HttpResponse, tokenUrl: string): IssuedToken {
  const body = response.json<{ access_token?: unknown; expires_in?: unknown }>();
  if (typeof body.access_token !== 'string' || body.access_token.length === 0) {
    throw new HttpError({ code: 'AUTH_FAILED', method: 'POST', url: tokenUrl, status: response.status, reason: 'no access_token in the token response' });
  }
  registerSecret(body.access_token);
  const expiresInMs = (typeof body.expires_in === 'number' || typeof body.expires_in === 'string' ? Number(body.expires_in) : DEFAULT_EXPIRES_IN_S) * 1000;
  const lifetimeMs = Number.isFinite(expiresInMs) && expiresInMs > 0 ? expiresInMs : DEFAULT_EXPIRES_IN_S * 1000;
  return { token: body.access_token, lifetimeMs };
}

/**
 * OAuth 2.0 client-credentials tokens: one cached token per scope set, reused until shortly before
 * expiry, concurrent requests for the same set share one token request. Credentials go in HTTP
 * Basic (default) or the form body; neither they nor the token ever reach a log or an error.
 */
import { HttpError } from '../http/errors.js';
import { parseImsx } from '../http/imsx.js';
import { createTokenCache } from '../http/token-cache.js';
import { issuedToken, oauthErrorOf, type IssuedToken } from '../http/token-response.js';
import type { HttpClient } from '../http/types.js';
import { registerSecret } from '../secrets/redact.js';

export interface TokenProviderOptions {
  http: HttpClient;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** basic: `Authorization: Basic base64(id:secret)`; body: client_id / client_secret form fields. */
  credentialsIn: 'basic' | 'body';
  /** Refresh this long before expiry; default 60 s (halved for very short-lived tokens). */
  refreshMarginMs?: number;
  now?: () => number;
}

export interface TokenProvider {
  /** A bearer token valid for the scopes (cached); throws AUTH_FAILED when the server refuses. */
  get(scopes: readonly string[]): Promise<string>;
  /** The cached token for the scopes while it is fresh; no request. */
  peek(scopes: readonly string[]): string | undefined;
  /** Drops the cached token for the scopes if it is still `token` (after a 401). */
  invalidate(scopes: readonly string[], token: string | undefined): void;
  /** Token requests made so far (for tests and summaries). */
  requests(): number;
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const joined = `${formEncode(clientId)}:${formEncode(clientSecret)}`;
  registerSecret(joined);
  return `Basic ${Buffer.from(joined, 'utf8').toString('base64')}`;
}

export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const cache = createTokenCache({ refreshMarginMs: options.refreshMarginMs, now: options.now });
  let requestCount = 0;

  async function fetchToken(scopes: readonly string[]): Promise<IssuedToken> {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scopes.length > 0) form.set('scope', scopes.join(' '));
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (options.credentialsIn === 'body') {
      form.set('client_id', options.clientId);
      form.set('client_secret', options.clientSecret);
    } else {
      headers.authorization = basicAuthorization(options.clientId, options.clientSecret);
    }
    requestCount++;
    const response = await options.http.request({
      method: 'POST', url: options.tokenUrl, headers, body: form.toString(), idempotent: true, acceptStatus: [400, 401, 403],
    });
    if (response.status !== 200 && response.status !== 201) {
      const oauthError = oauthErrorOf(response.text);
      throw new HttpError({
        code: 'AUTH_FAILED', method: 'POST', url: options.tokenUrl, status: response.status,
        imsx: parseImsx(response.text) ?? (oauthError === undefined ? undefined : { description: `token request refused (${oauthError})` }),
      });
    }
    return issuedToken(response, options.tokenUrl);
  }

  // Callers pass the same scope arrays on every request: the sorted key is computed once per array.
  const keys = new WeakMap<readonly string[], string>();
  const keyOf = (scopes: readonly string[]): string => {
    if (scopes.length < 2) return scopes[0] ?? '';
    let key = keys.get(scopes);
    if (key === undefined) {
      key = [...scopes].sort().join(' ');
      keys.set(scopes, key);
    }
    return key;
  };

  async function get(scopes: readonly string[]): Promise<string> {
    return cache.get(keyOf(scopes), () => fetchToken(scopes));
  }

  function peek(scopes: readonly string[]): string | undefined {
    return cache.peek(keyOf(scopes));
  }

  function invalidate(scopes: readonly string[], token: string | undefined): void {
    cache.invalidate(keyOf(scopes), token);
  }

  return { get, peek, invalidate, requests: () => requestCount };
}

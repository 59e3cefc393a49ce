/**
 * Access tokens for the Classroom API from a service account acting as the configured admin
 * (JWT bearer grant). One token is cached until shortly before expiry; concurrent callers share
 * one token request. Neither the key, the assertion nor the token reach a log or an error.
 */
import type { KeyObject } from 'node:crypto';
import { HttpError } from '../http/errors.js';
import { createTokenCache } from '../http/token-cache.js';
import { issuedToken, oauthErrorOf, type IssuedToken } from '../http/token-response.js';
import type { HttpClient } from '../http/types.js';
import { assertionClaims, JWT_BEARER_GRANT, loadPrivateKey, signAssertion } from './jwt.js';
import type { ServiceAccountKey } from './types.js';

export interface ServiceAccountTokensOptions {
  http: HttpClient;
  tokenUrl: string;
  key: ServiceAccountKey;
  subject: string;
  scopes: readonly string[];
  /** Refresh this long before expiry; default 60 s (halved for very short-lived tokens). */
  refreshMarginMs?: number;
  now?: () => number;
}

export interface ServiceAccountTokens {
  /** A bearer token (cached); throws AUTH_FAILED when the token endpoint refuses. */
  get(): Promise<string>;
  /** Drops the cached token if it is still `token` (after a 401). */
  invalidate(token: string | undefined): void;
  requests(): number;
}

export function createServiceAccountTokens(options: ServiceAccountTokensOptions): ServiceAccountTokens {
  const now = options.now ?? Date.now;
  const privateKey: KeyObject = loadPrivateKey(options.key);
  const cache = createTokenCache({ refreshMarginMs: options.refreshMarginMs, now });
  let count = 0;

  async function fetchToken(): Promise<IssuedToken> {
    const assertion = signAssertion(privateKey, assertionClaims({
      issuer: options.key.client_email, subject: options.subject, scopes: options.scopes, audience: options.tokenUrl, nowMs: now(),
    }), options.key.private_key_id);
    const form = new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion });
    count++;
    const response = await options.http.request({
      method: 'POST', url: options.tokenUrl, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(), idempotent: true, acceptStatus: [400, 401, 403],
    });
    if (response.status !== 200) {
      const why = oauthErrorOf(response.text);
      throw new HttpError({
        code: 'AUTH_FAILED', method: 'POST', url: options.tokenUrl, status: response.status,
        reason: `token request for ${options.key.client_email} acting as ${options.subject} refused${why === undefined ? '' : ` (${why})`}`,
      });
    }
    return issuedToken(response, options.tokenUrl);
  }

  // One token: the cache holds a single entry.
  async function get(): Promise<string> {
    return cache.get('', fetchToken);
  }

  function invalidate(token: string | undefined): void {
    cache.invalidate('', token);
  }

  return { get, invalidate, requests: () => count };
}

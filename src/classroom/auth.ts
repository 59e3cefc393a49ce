/**
 * Access tokens for the Classroom API from a service account acting as the configured admin
 * (JWT bearer grant). One token is cached until shortly before expiry; concurrent callers share
 * one token request. Neither the key, the assertion nor the token reach a log or an error.
 */
import type { KeyObject } from 'node:crypto';
import { HttpError } from '../http/errors.js';
import type { HttpClient } from '../http/types.js';
import { redact, registerSecret } from '../secrets/redact.js';
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

const DEFAULT_EXPIRES_IN_S = 3600;

function oauthErrorOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown; error_description?: unknown };
    if (typeof body.error !== 'string') return undefined;
    const description = typeof body.error_description === 'string' ? `: ${body.error_description.slice(0, 200)}` : '';
    return redact(`${body.error}${description}`);
  } catch {
    return undefined;
  }
}

export function createServiceAccountTokens(options: ServiceAccountTokensOptions): ServiceAccountTokens {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 60_000;
  const privateKey: KeyObject = loadPrivateKey(options.key);
  let cached: { token: string; refreshAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  let count = 0;

  async function fetchToken(): Promise<string> {
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
    const body = response.json<{ access_token?: unknown; expires_in?: unknown }>();
    if (typeof body.access_token !== 'string' || body.access_token.length === 0) {
      throw new HttpError({ code: 'AUTH_FAILED', method: 'POST', url: options.tokenUrl, status: response.status, reason: 'no access_token in the token response' });
    }
    registerSecret(body.access_token);
    const seconds = typeof body.expires_in === 'number' || typeof body.expires_in === 'string' ? Number(body.expires_in) : DEFAULT_EXPIRES_IN_S;
    const lifetime = (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_EXPIRES_IN_S) * 1000;
    cached = { token: body.access_token, refreshAt: now() + lifetime - Math.min(margin, lifetime / 2) };
    return body.access_token;
  }

  async function get(): Promise<string> {
    if (cached !== undefined && now() < cached.refreshAt) return cached.token;
    inflight ??= fetchToken().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  function invalidate(token: string | undefined): void {
    if (cached !== undefined && (token === undefined || cached.token === token)) cached = undefined;
  }

  return { get, invalidate, requests: () => count };
}

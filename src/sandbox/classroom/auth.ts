/**
 * The emulator's OAuth side: a JWT bearer token endpoint that verifies the service account's RS256
 * assertion like Google's does (signature, issuer, audience, lifetime, delegated scopes), and the
 * bearer check with per-endpoint scopes on API calls.
 */
import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import { ApiFailure, readBody, sendJson, type ApiContext } from './respond.js';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const MAX_ASSERTION_LIFETIME_S = 3600;
const CLOCK_SKEW_S = 300;

export interface EmulatorServiceAccount {
  client_email: string;
  /** SPKI PEM or a key object. */
  publicKey: string | KeyObject;
  /** Scopes granted to the account by domain-wide delegation; default: every classroom scope. */
  allowedScopes?: readonly string[];
}

export interface IssuedToken {
  subject: string;
  scopes: Set<string>;
  expiresAt: number;
}

export class EmulatorTokens {
  private readonly tokens = new Map<string, IssuedToken>();

  issue(subject: string, scopes: Set<string>, ttlMs: number, now: number): string {
    const token = `ya29.sandbox-${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { subject, scopes, expiresAt: now + ttlMs });
    return token;
  }

  lookup(token: string, now: number): IssuedToken | undefined {
    const found = this.tokens.get(token);
    if (found === undefined) return undefined;
    if (found.expiresAt <= now) {
      this.tokens.delete(token);
      return undefined;
    }
    return found;
  }

  /** Expires every token (tests: force the client to refresh). */
  revokeAll(): void {
    this.tokens.clear();
  }
}

export interface TokenEndpointConfig {
  account: EmulatorServiceAccount;
  tokenPath: string;
  ttlSeconds: number;
  /** When set, only these users may be impersonated. */
  subjects?: readonly string[];
  now(): number;
}

function oauthError(ctx: ApiContext, status: number, error: string, description: string): void {
  sendJson(ctx, status, { error, error_description: description });
}

function decodeJson(part: string | undefined): Record<string, unknown> | undefined {
  if (part === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function handleTokenRequest(ctx: ApiContext, config: TokenEndpointConfig, tokens: EmulatorTokens): Promise<void> {
  if (ctx.method !== 'POST') throw new ApiFailure(405, 'INVALID_ARGUMENT', 'the token endpoint takes POST');
  const form = new URLSearchParams(await readBody(ctx.req));
  if (form.get('grant_type') !== JWT_BEARER_GRANT) return oauthError(ctx, 400, 'unsupported_grant_type', 'Invalid grant_type');
  const parts = (form.get('assertion') ?? '').split('.');
  const header = decodeJson(parts[0]);
  const claims = decodeJson(parts[1]);
  if (parts.length !== 3 || header === undefined || claims === undefined) return oauthError(ctx, 400, 'invalid_grant', 'Invalid JWT');
  if (header.alg !== 'RS256') return oauthError(ctx, 400, 'invalid_grant', 'Invalid JWT: unsupported algorithm');
  if (claims.iss !== config.account.client_email) return oauthError(ctx, 401, 'invalid_client', 'The OAuth client was not found.');
  const key = typeof config.account.publicKey === 'string' ? createPublicKey(config.account.publicKey) : config.account.publicKey;
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  if (!verify('RSA-SHA256', signed, key, Buffer.from(parts[2] ?? '', 'base64url'))) {
    return oauthError(ctx, 400, 'invalid_grant', 'Invalid JWT Signature.');
  }
  const aud = typeof claims.aud === 'string' ? claims.aud : '';
  if (aud !== GOOGLE_TOKEN_URL && !aud.endsWith(config.tokenPath)) return oauthError(ctx, 400, 'invalid_grant', 'Invalid JWT: audience mismatch');
  // Clients sign assertions with their own clock, so the window is checked against real time,
  // not the sandbox clock that tests move around.
  const nowS = Math.floor(Date.now() / 1000);
  const iat = Number(claims.iat);
  const exp = Number(claims.exp);
  if (!Number.isFinite(iat) || !Number.isFinite(exp) || exp <= nowS || iat > nowS + CLOCK_SKEW_S || exp - iat > MAX_ASSERTION_LIFETIME_S) {
    return oauthError(ctx, 400, 'invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.');
  }
  const scopes = new Set(String(claims.scope ?? '').split(' ').filter(Boolean));
  const allowed = config.account.allowedScopes;
  if (scopes.size === 0 || (allowed !== undefined && [...scopes].some((s) => !allowed.includes(s)))) {
    return oauthError(ctx, 401, 'unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.');
  }
  const subject = typeof claims.sub === 'string' && claims.sub !== '' ? claims.sub : config.account.client_email;
  if (config.subjects !== undefined && !config.subjects.some((s) => s.toLowerCase() === subject.toLowerCase())) {
    return oauthError(ctx, 400, 'invalid_grant', 'Invalid email or User ID');
  }
  const token = tokens.issue(subject, scopes, config.ttlSeconds * 1000, config.now());
  sendJson(ctx, 200, { access_token: token, expires_in: config.ttlSeconds, token_type: 'Bearer' });
}

/** The caller of an API request; throws 401 UNAUTHENTICATED or 403 PERMISSION_DENIED. */
export function authenticate(ctx: ApiContext, tokens: EmulatorTokens, now: number, anyOf: readonly string[]): IssuedToken {
  const header = ctx.req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const token = match?.[1] === undefined ? undefined : tokens.lookup(match[1], now);
  if (token === undefined) {
    throw new ApiFailure(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', {
      'www-authenticate': 'Bearer realm="https://accounts.google.com/"',
    });
  }
  if (!anyOf.some((scope) => token.scopes.has(scope))) {
    throw new ApiFailure(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.');
  }
  return token;
}

/**
 * Turns the endpoint's auth style into per-request signing: bearer tokens (OAuth 2.0) with the
 * scopes of the operation, or fresh OAuth 1.0a signatures for every attempt.
 */
import type { OneRosterVersion, SisAuthStyle } from '../config/types.js';
import type { HttpClient, HttpMethod } from '../http/types.js';
import { oauth1Sign } from './oauth1.js';
import { createTokenProvider, type TokenProvider } from './oauth2.js';
import { OPERATION_KINDS, scopesFor, type OperationKind, type ScopeMode } from './scopes.js';

/** Synchronous when it can be (a cached bearer token): most requests then skip a promise. */
export type Signer = (method: HttpMethod, url: string) => Record<string, string> | Promise<Record<string, string>>;

export interface Authorizer {
  /** A signer for one request; `used` receives the bearer token it sent (for invalidation). */
  signer(kind: OperationKind, used?: (token: string) => void): Signer;
  /** After a 401: drop the token and say whether one more attempt can help. */
  refresh(kind: OperationKind, token: string | undefined): boolean;
  /** Token requests so far (0 for OAuth 1.0a). */
  tokenRequests(): number;
}

export interface AuthorizerOptions {
  http: HttpClient;
  style: SisAuthStyle;
  version: OneRosterVersion;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopeMode: ScopeMode;
}

function oauth1Authorizer(options: AuthorizerOptions): Authorizer {
  const algorithm = options.style === 'oauth1-hmac-sha1' ? 'HMAC-SHA1' : 'HMAC-SHA256';
  return {
    signer: () => (method, url) => ({
      authorization: oauth1Sign({ method, url, consumerKey: options.clientId, consumerSecret: options.clientSecret, algorithm }).authorization,
    }),
    refresh: () => false,
    tokenRequests: () => 0,
  };
}

function oauth2Authorizer(options: AuthorizerOptions): Authorizer {
  // One headers object per token rather than per request (the HTTP core copies it, never changes it).
  let lastHeaders: { token: string; headers: Readonly<Record<string, string>> } | undefined;
  const bearerHeaders = (token: string): Record<string, string> => {
    if (lastHeaders?.token !== token) lastHeaders = { token, headers: { authorization: `Bearer ${token}` } };
    return lastHeaders.headers;
  };
  const tokens: TokenProvider = createTokenProvider({
    http: options.http, tokenUrl: options.tokenUrl, clientId: options.clientId, clientSecret: options.clientSecret,
    credentialsIn: options.style === 'oauth2-body' ? 'body' : 'basic',
  });
  const scopes = new Map(OPERATION_KINDS.map((kind) => [kind, scopesFor(options.version, kind, options.scopeMode)]));
  const scopesOf = (kind: OperationKind): string[] => scopes.get(kind) ?? [];
  return {
    signer: (kind, used) => () => {
      const scopes = scopesOf(kind);
      const sign = (token: string): Record<string, string> => {
        used?.(token);
        return bearerHeaders(token);
      };
      const cached = tokens.peek(scopes);
      return cached !== undefined ? sign(cached) : tokens.get(scopes).then(sign);
    },
    refresh: (kind, token) => {
      tokens.invalidate(scopesOf(kind), token);
      return true;
    },
    tokenRequests: () => tokens.requests(),
  };
}

export function createAuthorizer(options: AuthorizerOptions): Authorizer {
  return options.style === 'oauth1-hmac-sha256' || options.style === 'oauth1-hmac-sha1'
    ? oauth1Authorizer(options)
    : oauth2Authorizer(options);
}

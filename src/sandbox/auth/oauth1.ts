/**
 * OAuth 1.0a signature verification (RFC 5849, two-legged: token secret empty) for OneRoster 1.1.
 * HMAC-SHA256 and HMAC-SHA1. Parameters come from the Authorization header, the query string and a
 * form-encoded body.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Oauth1Method = 'HMAC-SHA1' | 'HMAC-SHA256';
const TIMESTAMP_WINDOW_SECONDS = 600;
const MAX_NONCES = 100_000;

/** RFC 3986 percent-encoding, as RFC 5849 §3.6 requires. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function parseAuthorizationHeader(header: string): Map<string, string> | undefined {
  if (!/^OAuth\s/i.test(header)) return undefined;
  const params = new Map<string, string>();
  const pattern = /([A-Za-z0-9_.~-]+)\s*=\s*"([^"]*)"/g;
  for (let match = pattern.exec(header); match; match = pattern.exec(header)) {
    try {
      params.set(match[1]!, decodeURIComponent(match[2]!));
    } catch {
      return undefined;
    }
  }
  return params;
}

/** The signature base string of RFC 5849 §3.4.1. `params` excludes oauth_signature and realm. */
export function signatureBaseString(method: string, baseUrl: string, params: [string, string][]): string {
  const normalized = params
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  return `${method.toUpperCase()}&${percentEncode(baseUrl)}&${percentEncode(normalized)}`;
}

export function sign(method: Oauth1Method, baseString: string, consumerSecret: string, tokenSecret = ''): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac(method === 'HMAC-SHA1' ? 'sha1' : 'sha256', key).update(baseString).digest('base64');
}

/** The base string URI (RFC 5849 §3.4.1.2): lower-case scheme and host, default port dropped, no query. */
export function baseStringUri(scheme: string, host: string, path: string): string {
  const lower = host.toLowerCase();
  const defaultPort = scheme === 'https' ? ':443' : ':80';
  const authority = lower.endsWith(defaultPort) ? lower.slice(0, -defaultPort.length) : lower;
  return `${scheme}://${authority}${path}`;
}

export interface SignedRequest {
  method: string;
  baseUrl: string;
  header: Map<string, string>;
  query: URLSearchParams;
  form?: URLSearchParams;
}

export type Oauth1Outcome =
  | { ok: true; consumerKey: string }
  | { ok: false; reason: string };

export class NonceCache {
  private readonly seen = new Map<string, number>();

  /** Returns false when the nonce was already used inside the window. */
  use(key: string, nowSeconds: number): boolean {
    if (this.seen.has(key)) return false;
    if (this.seen.size >= MAX_NONCES) {
      for (const [entry, at] of this.seen) if (at < nowSeconds - TIMESTAMP_WINDOW_SECONDS) this.seen.delete(entry);
      if (this.seen.size >= MAX_NONCES) this.seen.clear();
    }
    this.seen.set(key, nowSeconds);
    return true;
  }
}

/**
 * Checks the protocol parameters and the signature. `secretFor` returns the consumer secret of a key
 * (undefined when unknown). Timestamps are checked against real time, not the sandbox clock, since
 * clients sign with their own wall clock.
 */
export function verifyOauth1(request: SignedRequest, secretFor: (key: string) => string | undefined, nonces: NonceCache): Oauth1Outcome {
  const oauth = new Map(request.header);
  for (const [name, value] of request.query) if (name.startsWith('oauth_') && !oauth.has(name)) oauth.set(name, value);
  const key = oauth.get('oauth_consumer_key');
  const method = oauth.get('oauth_signature_method');
  const signature = oauth.get('oauth_signature');
  const timestamp = Number(oauth.get('oauth_timestamp'));
  const nonce = oauth.get('oauth_nonce');
  if (!key || !signature || !nonce || !Number.isFinite(timestamp)) return { ok: false, reason: 'missing OAuth 1.0a parameters' };
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') return { ok: false, reason: 'unsupported oauth_signature_method' };
  const version = oauth.get('oauth_version');
  if (version !== undefined && version !== '1.0') return { ok: false, reason: 'oauth_version must be 1.0' };
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (Math.abs(nowSeconds - timestamp) > TIMESTAMP_WINDOW_SECONDS) return { ok: false, reason: 'oauth_timestamp is outside the allowed window' };
  const secret = secretFor(key);
  if (secret === undefined) return { ok: false, reason: 'unknown or unusable consumer key' };
  const params: [string, string][] = [];
  for (const [name, value] of request.header) if (name !== 'oauth_signature' && name !== 'realm') params.push([name, value]);
  for (const [name, value] of request.query) if (name !== 'oauth_signature') params.push([name, value]);
  if (request.form) for (const [name, value] of request.form) if (name !== 'oauth_signature') params.push([name, value]);
  const expected = Buffer.from(sign(method, signatureBaseString(request.method, request.baseUrl, params), secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid OAuth 1.0a signature' };
  if (!nonces.use(`${key}:${timestamp}:${nonce}`, nowSeconds)) return { ok: false, reason: 'oauth_nonce was already used' };
  return { ok: true, consumerKey: key };
}

/**
 * OAuth 1.0a request signing (RFC 5849) for legacy OneRoster 1.1 endpoints: two-legged (consumer
 * key and secret, no token), HMAC-SHA256 by default or HMAC-SHA1. Query parameters are part of the
 * signature base string; JSON bodies are not (only form bodies would be).
 */
import { createHmac, randomBytes } from 'node:crypto';

export type OAuth1Algorithm = 'HMAC-SHA256' | 'HMAC-SHA1';

export interface OAuth1SignInput {
  method: string;
  url: string;
  consumerKey: string;
  consumerSecret: string;
  algorithm: OAuth1Algorithm;
  token?: string;
  tokenSecret?: string;
  /** Decoded application/x-www-form-urlencoded body parameters, when the body is a form. */
  bodyParams?: Array<[string, string]>;
  nonce?: string;
  /** Seconds since the epoch. */
  timestamp?: number;
  /** Include oauth_version="1.0" (optional in RFC 5849; most servers expect it). Default true. */
  includeVersion?: boolean;
  realm?: string;
}

export interface OAuth1Signature {
  authorization: string;
  baseString: string;
  signature: string;
}

/** RFC 3986 percent-encoding as RFC 5849 §3.6 requires: only ALPHA DIGIT - . _ ~ stay literal. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** §3.4.1.2: scheme and host lower-case, default port dropped, no query or fragment. */
export function baseStringUri(url: URL): string {
  const scheme = url.protocol.toLowerCase();
  const defaultPort = (scheme === 'http:' && url.port === '80') || (scheme === 'https:' && url.port === '443');
  const port = url.port === '' || defaultPort ? '' : `:${url.port}`;
  return `${scheme}//${url.hostname.toLowerCase()}${port}${url.pathname}`;
}

/** §3.4.1.3.2: encode names and values, sort by name then value, join with & and =. */
export function normalizeParameters(params: Array<[string, string]>): string {
  return params
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

export function signatureBaseString(method: string, url: string, params: Array<[string, string]>): string {
  const parsed = new URL(url);
  const all: Array<[string, string]> = [...parsed.searchParams.entries(), ...params];
  return [method.toUpperCase(), percentEncode(baseStringUri(parsed)), percentEncode(normalizeParameters(all))].join('&');
}

export function oauth1Sign(input: OAuth1SignInput): OAuth1Signature {
  const oauth: Array<[string, string]> = [
    ['oauth_consumer_key', input.consumerKey],
    ['oauth_nonce', input.nonce ?? randomBytes(16).toString('hex')],
    ['oauth_signature_method', input.algorithm],
    ['oauth_timestamp', String(input.timestamp ?? Math.floor(Date.now() / 1000))],
  ];
  if (input.token !== undefined) oauth.push(['oauth_token', input.token]);
  if (input.includeVersion ?? true) oauth.push(['oauth_version', '1.0']);
  const baseString = signatureBaseString(input.method, input.url, [...oauth, ...(input.bodyParams ?? [])]);
  const key = `${percentEncode(input.consumerSecret)}&${percentEncode(input.tokenSecret ?? '')}`;
  const hash = input.algorithm === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const signature = createHmac(hash, key).update(baseString).digest('base64');
  const fields = [...oauth, ['oauth_signature', signature] as [string, string]];
  const realm = input.realm === undefined ? [] : [`realm="${percentEncode(input.realm)}"`];
  const authorization = `OAuth ${[...realm, ...fields.map(([n, v]) => `${percentEncode(n)}="${percentEncode(v)}"`)].join(', ')}`;
  return { authorization, baseString, signature };
}

/**
 * Bearer tokens cached per key until shortly before expiry; concurrent callers for one key share
 * one token request.
 */
import type { IssuedToken } from './token-response.js';

export interface TokenCacheOptions {
  /** Refresh this long before expiry; default 60 s (halved for very short-lived tokens). */
  refreshMarginMs?: number;
  now?: () => number;
}

export interface TokenCache {
  /** The cached token for `key`, or the one `fetch` brings (shared with concurrent callers). */
  get(key: string, fetch: () => Promise<IssuedToken>): Promise<string>;
  /** The cached token for `key` while it is fresh; no request. */
  peek(key: string): string | undefined;
  /** Drops the cached token for `key` if it is still `token` (or whatever it is, when undefined). */
  invalidate(key: string, token: string | undefined): void;
}

export function createTokenCache(options: TokenCacheOptions = {}): TokenCache {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 60_000;
  const cache = new Map<string, { token: string; refreshAt: number }>();
  const inflight = new Map<string, Promise<string>>();

  async function refresh(key: string, fetch: () => Promise<IssuedToken>): Promise<string> {
    const { token, lifetimeMs } = await fetch();
    cache.set(key, { token, refreshAt: now() + lifetimeMs - Math.min(margin, lifetimeMs / 2) });
    return token;
  }

  function peek(key: string): string | undefined {
    const cached = cache.get(key);
    return cached !== undefined && now() < cached.refreshAt ? cached.token : undefined;
  }

  function get(key: string, fetch: () => Promise<IssuedToken>): Promise<string> {
    const cached = peek(key);
    if (cached !== undefined) return Promise.resolve(cached);
    const pending = inflight.get(key);
    if (pending !== undefined) return pending;
    const promise = refresh(key, fetch).finally(() => inflight.delete(key));
    inflight.set(key, promise);
    return promise;
  }

  function invalidate(key: string, token: string | undefined): void {
    const cached = cache.get(key);
    if (cached !== undefined && (token === undefined || cached.token === token)) cache.delete(key);
  }

  return { get, peek, invalidate };
}

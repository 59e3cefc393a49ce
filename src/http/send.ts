/**
 * One HTTP exchange through undici's dispatcher API: the body is collected into a string as it
 * arrives. `undici.request()` would parse the URL and build a Readable stream per response, which
 * costs more CPU than the rest of a small JSON write.
 */
import type { Dispatcher } from 'undici';
import type { HttpMethod } from './types.js';

export interface SendOptions {
  method: HttpMethod;
  headers: Record<string, string>;
  body: string | undefined;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

export interface RawResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text: string;
}

interface Target {
  origin: string;
  path: string;
}

const PRINTABLE_PATH = /^\/[\x21-\x7e]*$/;
const normalisedOrigins = new Map<string, string>();

/** Splits an absolute URL into origin and path without a URL object for the common, clean case. */
export function targetOf(url: string): Target {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd > 0) {
    let pathStart = schemeEnd + 3;
    while (pathStart < url.length && url[pathStart] !== '/' && url[pathStart] !== '?' && url[pathStart] !== '#') pathStart++;
    const rawOrigin = url.slice(0, pathStart);
    const hashAt = url.indexOf('#', pathStart);
    let path = url.slice(pathStart, hashAt === -1 ? undefined : hashAt);
    if (!path.startsWith('/')) path = `/${path}`;
    let origin = normalisedOrigins.get(rawOrigin);
    if (origin === undefined && normalisedOrigins.size < 64) {
      origin = new URL(rawOrigin).origin;
      normalisedOrigins.set(rawOrigin, origin);
    }
    if (origin !== undefined && PRINTABLE_PATH.test(path)) return { origin, path };
  }
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

function joinHeaders(parsed: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in parsed) {
    const value = parsed[name];
    if (value !== undefined) headers[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return headers;
}

export function send(dispatcher: Dispatcher, url: string, options: SendOptions): Promise<RawResponse> {
  const { signal } = options;
  if (signal?.aborted === true) return Promise.reject(signal.reason);
  const { origin, path } = targetOf(url);
  return new Promise<RawResponse>((resolve, reject) => {
    let status = 0;
    let headers: Record<string, string> = {};
    let first: Buffer | undefined;
    let rest: Buffer[] | undefined;
    let onAbort: (() => void) | undefined;
    const settle = (): void => {
      if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    };
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(controller) {
        if (signal === undefined) return;
        onAbort = () => controller.abort(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
      },
      onResponseStart(_controller, statusCode, parsed) {
        status = statusCode;
        headers = joinHeaders(parsed);
      },
      onResponseData(_controller, chunk) {
        if (first === undefined) first = chunk;
        else (rest ??= [first]).push(chunk);
      },
      onResponseEnd() {
        settle();
        const text = rest !== undefined ? Buffer.concat(rest).toString('utf8') : first?.toString('utf8') ?? '';
        resolve({ status, headers, text });
      },
      onResponseError(_controller, error) {
        settle();
        reject(error);
      },
    };
    dispatcher.dispatch({
      origin, path, method: options.method, headers: options.headers, body: options.body,
      headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs,
    }, handler);
  });
}

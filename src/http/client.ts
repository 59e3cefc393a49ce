/**
 * The shared HTTP core: undici with a keep-alive Agent (or an injected dispatcher), a timeout per
 * attempt, bounded retries with backoff for idempotent requests, typed errors, request counts.
 * Nothing here knows OneRoster or Classroom.
 */
import { Agent, type Dispatcher } from 'undici';
import { HttpError } from './errors.js';
import { parseImsx } from './imsx.js';
import { backoffDelay, errorCodeOf, IDEMPOTENT_METHODS, isRetryableError, isRetryableStatus, parseRetryAfter, sleep } from './retry.js';
import { scrubUrl } from './scrub-url.js';
import { send } from './send.js';
import type { HttpClient, HttpClientOptions, HttpRequestOptions, HttpResponse, HttpStats } from './types.js';
import { resolveUrl, withQuery } from './url.js';

/** Keep-alive connections per origin unless a client asks for another number. */
export const DEFAULT_CONNECTIONS = 32;

const TIMEOUT_CODES: ReadonlySet<string> = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

type Outcome = { kind: 'response'; response: HttpResponse } | { kind: 'error'; error: unknown; timedOut: boolean };

/** A class rather than an object literal with a closure: one allocation per response. */
class Response implements HttpResponse {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly text: string,
    readonly url: string,
    private readonly method: string,
  ) {}

  json<T>(): T {
    try {
      return JSON.parse(this.text) as T;
    } catch (error) {
      throw new HttpError({ method: this.method, url: this.url, status: this.status, reason: 'the body is not JSON', cause: error });
    }
  }
}

function describeError(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `no response within ${timeoutMs} ms`;
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? `connection error ${code}` : 'connection error';
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher: Dispatcher = options.dispatcher
    ?? new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: options.connections ?? DEFAULT_CONNECTIONS });
  const random = options.random ?? Math.random;
  const counts: HttpStats = { requests: {}, retries: 0, failures: 0 };
  let closed = false;

  async function attemptOnce(req: HttpRequestOptions, url: string, body: string | undefined, baseHeaders: Record<string, string>, timeoutMs: number): Promise<Outcome> {
    // Signing errors (e.g. a failed token request) are the caller's, not this attempt's.
    const signing = req.sign?.(req.method, url);
    const signed = signing instanceof Promise ? await signing : signing;
    counts.requests[req.method] = (counts.requests[req.method] ?? 0) + 1;
    try {
      // undici's own headers/body timers: no AbortController, timer or listener per request.
      const res = await send(dispatcher, url, { method: req.method, headers: signed === undefined ? baseHeaders : { ...baseHeaders, ...signed }, body, timeoutMs, signal: req.signal });
      return { kind: 'response', response: new Response(res.status, res.headers, res.text, url, req.method) };
    } catch (error) {
      return { kind: 'error', error, timedOut: TIMEOUT_CODES.has(errorCodeOf(error) ?? '') };
    }
  }

  // Fields are built only when the level is on: scrubbing a URL per request is not free.
  function log(req: HttpRequestOptions, url: string, level: 'debug' | 'info', fields: Record<string, unknown>, message: string): void {
    if (options.logger?.isLevelEnabled(level) === true) options.logger[level]({ method: req.method, url: scrubUrl(url), ...fields }, message);
  }

  async function request(req: HttpRequestOptions): Promise<HttpResponse> {
    const url = withQuery(resolveUrl(req.url, options.baseUrl), req.query);
    let body = req.body;
    let headers: Record<string, string>;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers = { 'user-agent': options.userAgent, accept: 'application/json', 'content-type': 'application/json' };
      if (req.headers !== undefined) Object.assign(headers, req.headers);
    } else {
      headers = req.headers === undefined ? { 'user-agent': options.userAgent, accept: 'application/json' } : { 'user-agent': options.userAgent, accept: 'application/json', ...req.headers };
    }
    const timeoutMs = req.timeoutMs ?? options.timeoutMs;
    const retryable = IDEMPOTENT_METHODS.has(req.method) || req.idempotent === true;
    const maxAttempts = retryable ? Math.max(1, options.retry.attempts) : 1;

    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      const outcome = await attemptOnce(req, url, body, headers, timeoutMs);
      const last = attempt >= maxAttempts;
      if (outcome.kind === 'response') {
        const { status } = outcome.response;
        log(req, url, 'debug', { status, attempt, ms: Date.now() - started }, 'http request');
        if ((status >= 200 && status < 300) || req.acceptStatus?.includes(status)) return outcome.response;
        if (!last && isRetryableStatus(status, options.retry)) {
          const delay = backoffDelay(options.retry, attempt, parseRetryAfter(outcome.response.headers['retry-after']), random);
          log(req, url, 'info', { status, attempt, delayMs: delay }, 'http retry');
          counts.retries++;
          await sleep(delay, req.signal);
          continue;
        }
        counts.failures++;
        throw new HttpError({ method: req.method, url, status, imsx: parseImsx(outcome.response.text), attempts: attempt });
      }
      const aborted = req.signal?.aborted === true;
      const reason = aborted ? 'aborted by caller' : describeError(outcome.error, outcome.timedOut, timeoutMs);
      log(req, url, 'debug', { attempt, reason }, 'http request failed');
      if (!last && !aborted && (outcome.timedOut || isRetryableError(outcome.error))) {
        const delay = backoffDelay(options.retry, attempt, undefined, random);
        log(req, url, 'info', { reason, attempt, delayMs: delay }, 'http retry');
        counts.retries++;
        await sleep(delay, req.signal);
        continue;
      }
      counts.failures++;
      throw new HttpError({ code: outcome.timedOut ? 'HTTP_TIMEOUT' : 'HTTP_ERROR', method: req.method, url, reason, attempts: attempt, cause: outcome.error });
    }
  }

  return {
    request,
    stats: () => ({ requests: { ...counts.requests }, retries: counts.retries, failures: counts.failures }),
    close: async () => {
      if (!ownsDispatcher || closed) return;
      closed = true;
      await dispatcher.close();
    },
  };
}

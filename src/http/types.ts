import type { Dispatcher } from 'undici';
import type { Logger } from '../log.js';
import type { RetryPolicy } from './retry.js';
import type { QueryValue } from './url.js';

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';

export interface HttpClientOptions {
  /** Defaults to a keep-alive undici Agent owned (and closed) by the client. */
  dispatcher?: Dispatcher;
  /** Relative request URLs resolve against it. */
  baseUrl?: string;
  userAgent: string;
  /** Per attempt: the longest wait for the response headers, and for each chunk of the body. */
  timeoutMs: number;
  retry: RetryPolicy;
  logger?: Logger;
  /** Connections per origin for the default Agent; defaults to 32. */
  connections?: number;
  /** For tests: the jitter source. */
  random?: () => number;
}

export interface HttpRequestOptions {
  method: HttpMethod;
  /** Absolute, or relative to the client's baseUrl. */
  url: string;
  /** Appended to the URL; undefined values are skipped, arrays repeat the parameter. */
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /**
   * Called before every attempt with the final method and URL; its headers are merged over
   * `headers`. For values that must be fresh per attempt (OAuth 1.0a signatures, bearer tokens).
   */
  sign?: (method: HttpMethod, url: string) => Record<string, string> | Promise<Record<string, string>>;
  /** Sent as JSON with content-type application/json. */
  json?: unknown;
  /** Raw body; set content-type in headers. */
  body?: string;
  /** POST and PATCH are retried only when the caller marks them idempotent (e.g. token requests). */
  idempotent?: boolean;
  /** Non-2xx statuses to return instead of throwing (e.g. 404 for idempotent deletes, 401 for auth). */
  acceptStatus?: readonly number[];
  /** Overrides the client's timeoutMs for this request. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text: string;
  /** The URL requested (may hold secrets in the query; print only through scrubUrl). */
  url: string;
  /** Parses the body; throws HTTP_ERROR when it is not JSON. */
  json<T = unknown>(): T;
}

export interface HttpStats {
  /** HTTP requests sent (attempts, retries included) per method. */
  requests: Record<string, number>;
  retries: number;
  /** Requests that ended in a thrown error after their last attempt. */
  failures: number;
}

export interface HttpClient {
  request(options: HttpRequestOptions): Promise<HttpResponse>;
  stats(): HttpStats;
  /** Closes the dispatcher when the client created it; an injected dispatcher is left open. */
  close(): Promise<void>;
}

/**
 * The Google Classroom API client: service-account auth acting as an admin, quota-aware calls
 * over the shared HTTP core, paged reads and the roster writes. One client per district.
 */
import type { Dispatcher } from 'undici';
import { createHttpClient } from '../http/client.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../http/retry.js';
import type { HttpMethod, HttpStats } from '../http/types.js';
import type { Logger } from '../log.js';
import { createServiceAccountTokens } from './auth.js';
import { CLASSROOM_QUOTA, createRateLimiter, unlimited, type RateLimiter, type RateLimiterStats, type RateLimitOptions } from './rate-limit.js';
import { createClassroomReads, type ClassroomReads } from './reads.js';
import { ALL_SCOPES } from './scopes.js';
import { createClassroomTransport } from './transport.js';
import type { ServiceAccountKey } from './types.js';
import { createClassroomWrites, type ClassroomWrites } from './writes.js';

export const DEFAULT_API_URL = 'https://classroom.googleapis.com';
export const DEFAULT_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const DEFAULT_PAGE_SIZE = 1000;
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Classroom answers RESOURCE_EXHAUSTED as 429 and transient failures as 500/502/503/504. */
export const CLASSROOM_RETRY_STATUSES: readonly number[] = [429, 500, 502, 503, 504];

export interface ClassroomClientOptions {
  apiUrl?: string;
  /** Default: the key's token_uri, else Google's token endpoint. */
  tokenUrl?: string;
  serviceAccountKey: ServiceAccountKey;
  /** The admin the service account acts as (domain-wide delegation). */
  subject: string;
  scopes?: readonly string[];
  dispatcher?: Dispatcher;
  userAgent: string;
  /** Quota kept client side; default Classroom's (3,000/min, 1,200/min per user). false: none. */
  rateLimit?: Partial<RateLimitOptions> | RateLimiter | false;
  http?: { timeoutMs?: number; retry?: Partial<RetryPolicy>; connections?: number };
  logger?: Logger;
  pageSize?: number;
  /** For tests: the clock used for token expiry. */
  now?: () => number;
}

export interface ClassroomStats {
  http: HttpStats;
  /** Logical API calls per method (a retried call counts once here, every attempt in http). */
  calls: Record<string, number>;
  tokenRequests: number;
  rateLimit: RateLimiterStats;
}

export interface ClassroomClient extends ClassroomReads, ClassroomWrites {
  readonly apiUrl: string;
  readonly subject: string;
  stats(): ClassroomStats;
  close(): Promise<void>;
}

function isLimiter(value: unknown): value is RateLimiter {
  return typeof (value as RateLimiter | undefined)?.acquire === 'function';
}

function limiterFor(option: ClassroomClientOptions['rateLimit']): RateLimiter {
  if (option === false) return unlimited();
  if (isLimiter(option)) return option;
  return createRateLimiter({ ...CLASSROOM_QUOTA, ...option });
}

export function createClassroomClient(options: ClassroomClientOptions): ClassroomClient {
  const apiUrl = (options.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, '');
  const http = createHttpClient({
    dispatcher: options.dispatcher,
    baseUrl: apiUrl,
    userAgent: options.userAgent,
    timeoutMs: options.http?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: { ...DEFAULT_RETRY, statuses: CLASSROOM_RETRY_STATUSES, ...options.http?.retry },
    connections: options.http?.connections,
    logger: options.logger,
  });
  const tokens = createServiceAccountTokens({
    http,
    tokenUrl: options.tokenUrl ?? options.serviceAccountKey.token_uri ?? DEFAULT_TOKEN_URL,
    key: options.serviceAccountKey,
    subject: options.subject,
    scopes: options.scopes ?? ALL_SCOPES,
    now: options.now,
  });
  const limiter = limiterFor(options.rateLimit);
  const calls: Record<string, number> = {};
  const call = createClassroomTransport({
    http, tokens, limiter, subject: options.subject,
    onCall: (method: HttpMethod) => {
      calls[method] = (calls[method] ?? 0) + 1;
    },
  });

  return {
    apiUrl,
    subject: options.subject,
    ...createClassroomReads(call, options.pageSize ?? DEFAULT_PAGE_SIZE),
    ...createClassroomWrites(call),
    stats: () => ({ http: http.stats(), calls: { ...calls }, tokenRequests: tokens.requests(), rateLimit: limiter.stats() }),
    close: () => http.close(),
  };
}

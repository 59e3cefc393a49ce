/**
 * The OneRoster client: rostering reads, gradebook reads and writes, and a connectivity probe,
 * over the shared HTTP core. One client per SIS connection; close() releases its connections.
 */
import type { Dispatcher } from 'undici';
import { createHttpClient } from '../http/client.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../http/retry.js';
import type { HttpStats } from '../http/types.js';
import type { Logger } from '../log.js';
import { registerBasicCredentials, registerSecret } from '../secrets/redact.js';
import type { ResolvedSisEndpoints } from '../vendors/types.js';
import { createAuthorizer } from './auth.js';
import type { OneRosterContext } from './context.js';
import { createGradebookOperations, type GradebookOperations } from './gradebook.js';
import { createRosteringReads, type RosteringReads } from './rostering.js';
import type { ScopeMode } from './scopes.js';
import { createTransport } from './transport.js';

export const DEFAULT_PAGE_SIZE = 1000;
export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * Every OneRoster call is idempotent (GET, PUT upserts, DELETE), so a transient 500 is retried
 * too; SIS front ends produce them under load. The attempts stay bounded.
 */
export const ONEROSTER_RETRY_STATUSES: readonly number[] = [429, 500, 502, 503, 504];
/** Bulk writes in flight per client, used by callers of mapConcurrent. */
export const DEFAULT_CONCURRENCY = 16;

export interface OneRosterClientOptions {
  endpoints: ResolvedSisEndpoints;
  credentials: { clientId: string; clientSecret: string };
  /** Infinite Campus `vendorKey:vendorSecret`, sent as x-vendor-authorization on gradebook calls. */
  vendorAuthorization?: string;
  userAgent: string;
  http?: { timeoutMs?: number; retry?: Partial<RetryPolicy>; connections?: number };
  dispatcher?: Dispatcher;
  logger?: Logger;
  /** Default `limit` of collection reads (Google asks SIS to accept 10000). */
  pageSize?: number;
  /** How token scopes are chosen; default per-operation. */
  scopeMode?: ScopeMode;
}

export interface OneRosterStats {
  http: HttpStats;
  tokenRequests: number;
}

export interface OneRosterClient extends RosteringReads, GradebookOperations {
  readonly endpoints: ResolvedSisEndpoints;
  /** Token (or signature) plus one tiny read: proves the credential works. Throws on failure. */
  probe(): Promise<void>;
  stats(): OneRosterStats;
  close(): Promise<void>;
}

function registerVendorAuthorization(value: string): void {
  registerSecret(value);
  const secret = value.slice(value.indexOf(':') + 1);
  if (value.includes(':')) registerSecret(secret);
}

export function createOneRosterClient(options: OneRosterClientOptions): OneRosterClient {
  const { endpoints, credentials } = options;
  registerBasicCredentials(credentials.clientId, credentials.clientSecret);
  if (options.vendorAuthorization !== undefined) registerVendorAuthorization(options.vendorAuthorization);

  const http = createHttpClient({
    dispatcher: options.dispatcher,
    userAgent: options.userAgent,
    timeoutMs: options.http?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: { ...DEFAULT_RETRY, statuses: ONEROSTER_RETRY_STATUSES, ...options.http?.retry },
    connections: options.http?.connections,
    logger: options.logger,
  });
  const authorizer = createAuthorizer({
    http, style: endpoints.auth, version: endpoints.version, tokenUrl: endpoints.tokenUrl,
    clientId: credentials.clientId, clientSecret: credentials.clientSecret, scopeMode: options.scopeMode ?? 'per-operation',
  });
  const call = createTransport({ http, authorizer, vendorAuthorization: options.vendorAuthorization });
  const ctx: OneRosterContext = { call, endpoints, pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE };
  const rostering = createRosteringReads(ctx);

  async function probe(): Promise<void> {
    const orgs = rostering.orgs({ limit: 1 });
    try {
      await orgs.next();
    } finally {
      await orgs.return();
    }
  }

  return {
    endpoints,
    ...rostering,
    ...createGradebookOperations(ctx),
    probe,
    stats: () => ({ http: http.stats(), tokenRequests: authorizer.tokenRequests() }),
    close: () => http.close(),
  };
}

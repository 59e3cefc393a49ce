/**
 * Request dispatch: prefix check, admin API, forced failures and injected faults (never on admin),
 * token endpoint, then authenticated API routes. Every answer is written to the request log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultInjector } from '../faults.js';
import type { ClassroomEmulatorAdmin, ForcedFailure } from './admin.js';
import { handleAdminRequest } from './admin-http.js';
import { authenticate, handleTokenRequest, type EmulatorServiceAccount, type EmulatorTokens } from './auth.js';
import type { EmulatorState } from './call.js';
import type { PageLimits } from './paging.js';
import type { RequestLog } from './request-log.js';
import { parseFieldMask, type FieldMask } from './partial.js';
import { ApiFailure, invalid, readJson, sendError, sendJson, type ApiContext } from './respond.js';
import { matchRoute } from './router.js';
import type { ClassroomStore } from './store.js';

export interface DispatchConfig {
  pathPrefix: string;
  tokenPath: string;
  account: EmulatorServiceAccount;
  tokens: EmulatorTokens;
  log: RequestLog;
  forced: ForcedFailure[];
  admin: ClassroomEmulatorAdmin;
  faults: FaultInjector | undefined;
  adminToken: string | undefined;
  subjects: readonly string[] | undefined;
  ttlSeconds: number;
  now(): Date;
  limits: PageLimits;
  store(): ClassroomStore;
  logger: { error(obj: object, msg?: string): void } | undefined;
}

const FAILURE_STATUS: Record<number, string> = { 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' };

function failureBody(ctx: ApiContext, status: number, retryAfterSeconds: number | undefined): void {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
  const message = status === 429 ? 'Quota exceeded for quota metric \'Requests\' (injected)' : 'The service is currently unavailable. (injected)';
  sendError(ctx, status, FAILURE_STATUS[status] ?? 'INTERNAL', message, headers);
}

/** True when a forced failure or an injected fault answered the request. */
async function injectFailure(ctx: ApiContext, config: DispatchConfig): Promise<boolean> {
  const index = config.forced.findIndex((failure) => failure.method === undefined || failure.method === ctx.method);
  if (index >= 0) {
    const [forced] = config.forced.splice(index, 1) as [ForcedFailure];
    failureBody(ctx, forced.status, forced.retryAfterSeconds);
    return true;
  }
  const fault = config.faults?.next();
  if (fault === undefined) return false;
  if (fault.latencyMs > 0) await sleep(fault.latencyMs);
  if (fault.expireToken) config.tokens.revokeAll();
  switch (fault.kind) {
    case 'none': return false;
    case 'drop':
      ctx.done(0);
      ctx.req.socket.destroy();
      return true;
    case '429': failureBody(ctx, 429, config.faults?.spec.retryAfterSeconds ?? 1); return true;
    case '503': failureBody(ctx, 503, undefined); return true;
    case '500': failureBody(ctx, 500, undefined); return true;
  }
}

function fieldsOf(query: URLSearchParams): FieldMask | undefined {
  const text = query.get('fields');
  if (text === null || text.trim() === '') return undefined;
  try {
    return parseFieldMask(text);
  } catch (error) {
    throw invalid((error as Error).message);
  }
}

async function serveApi(ctx: ApiContext, config: DispatchConfig): Promise<void> {
  if (ctx.path === '/' || ctx.path === '') return sendJson(ctx, 200, { status: 'ok', service: 'classroom emulator' });
  const match = matchRoute(ctx.method, ctx.path);
  if (match.kind === 'not-found') throw new ApiFailure(404, 'NOT_FOUND', `No API endpoint at ${ctx.path}`);
  if (match.kind === 'method-not-allowed') throw new ApiFailure(405, 'INVALID_ARGUMENT', `${ctx.method} is not supported on ${ctx.path}`);
  const caller = authenticate(ctx, config.tokens, config.now().getTime(), match.route.scopes);
  ctx.fields = fieldsOf(ctx.query);
  const body = match.route.body === true ? await readJson(ctx.req) : {};
  const state: EmulatorState = { store: config.store(), now: config.now, limits: config.limits };
  match.route.run({ ctx, state, caller, params: match.params }, body);
}

export async function dispatch(config: DispatchConfig, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const fullPath = q < 0 ? url : url.slice(0, q);
  if (fullPath !== config.pathPrefix && !fullPath.startsWith(`${config.pathPrefix}/`)) return false;
  const search = q < 0 ? '' : url.slice(q + 1);
  const method = req.method ?? 'GET';
  const ctx: ApiContext = {
    req, res, method, path: fullPath.slice(config.pathPrefix.length) || '/', query: new URLSearchParams(search),
    done: (status) => config.log.record(method, fullPath, search, status, config.now().toISOString()),
  };
  try {
    if (ctx.path === '/admin' || ctx.path.startsWith('/admin/')) {
      await handleAdminRequest(ctx, config.admin, config.adminToken);
      return true;
    }
    if (await injectFailure(ctx, config)) return true;
    if (fullPath === config.tokenPath) {
      await handleTokenRequest(ctx, { account: config.account, tokenPath: config.tokenPath, ttlSeconds: config.ttlSeconds, subjects: config.subjects, now: () => config.now().getTime() }, config.tokens);
      return true;
    }
    await serveApi(ctx, config);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return true;
    }
    if (error instanceof ApiFailure) {
      sendError(ctx, error.httpStatus, error.apiStatus, error.message, error.headers);
      return true;
    }
    const adminStatus = (error as { adminStatus?: unknown }).adminStatus;
    if (typeof adminStatus === 'number') {
      sendError(ctx, adminStatus, 'NOT_FOUND', (error as Error).message);
      return true;
    }
    config.logger?.error({ err: error instanceof Error ? error.message : String(error), path: fullPath }, 'classroom emulator request failed');
    sendError(ctx, 500, 'INTERNAL', 'Internal error encountered.');
  }
  return true;
}

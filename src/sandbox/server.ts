/**
 * The HTTP entry point: one node:http server for the token endpoint, OneRoster 1.1 and 1.2, and the
 * admin API. Faults (never on /admin) are decided before routing. Every response is recorded in the
 * traffic log; nothing is logged per request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleAdmin } from './admin/routes.js';
import { authorize } from './auth/authenticate.js';
import { requiredScopes } from './auth/scopes.js';
import { handleTokenRequest } from './auth/token-endpoint.js';
import { HttpFailure, sendImsx, sendJson, type RequestContext } from './http/respond.js';
import { matchRoute } from './oneroster/router.js';
import type { FaultDecision } from './faults.js';
import type { SandboxRuntime } from './runtime.js';

export function createSandboxServer(runtime: SandboxRuntime): Server {
  const server = createServer((req, res) => void handle(runtime, req, res));
  server.keepAliveTimeout = 10_000;
  return server;
}

function context(runtime: SandboxRuntime, req: IncomingMessage, res: ServerResponse): RequestContext {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const search = q < 0 ? '' : url.slice(q + 1);
  const method = req.method ?? 'GET';
  return {
    req, res, method, path, search, query: new URLSearchParams(search),
    done: (status) => runtime.traffic.record(method, path, search, status, runtime.clock.now().toISOString(), req.headers['user-agent'] ?? ''),
  };
}

async function handle(runtime: SandboxRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (runtime.classroom !== undefined && (await runtime.classroom.handle(req, res))) return;
  const ctx = context(runtime, req, res);
  try {
    if (ctx.path === '/admin' || ctx.path.startsWith('/admin/')) {
      await handleAdmin(ctx, runtime);
      return;
    }
    const fault = runtime.faults?.next();
    if (fault && (await applyFault(ctx, runtime, fault))) return;
    if (ctx.path === '/oauth/token' || ctx.path === '/oauth2/token') {
      await handleTokenRequest(ctx, runtime);
      return;
    }
    await handleOneRoster(ctx, runtime, fault?.expireToken ?? false);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof HttpFailure) {
      sendImsx(ctx, error.status, error.codeMinor, error.message, error.headers);
      return;
    }
    runtime.logger?.error({ err: error instanceof Error ? error.message : String(error), path: ctx.path }, 'sandbox request failed');
    sendImsx(ctx, 500, 'internal_server_error', 'internal error in the sandbox');
  }
}

/** Returns true when the fault answered the request. */
async function applyFault(ctx: RequestContext, runtime: SandboxRuntime, fault: FaultDecision): Promise<boolean> {
  if (fault.latencyMs > 0) await sleep(fault.latencyMs);
  switch (fault.kind) {
    case 'none':
      return false;
    case 'drop':
      ctx.done(0);
      ctx.req.socket.destroy();
      return true;
    case '429':
      sendImsx(ctx, 429, 'server_busy', 'too many requests (injected fault)', { 'retry-after': String(runtime.faults?.spec.retryAfterSeconds ?? 1) });
      return true;
    case '503':
      sendImsx(ctx, 503, 'server_busy', 'service unavailable (injected fault)');
      return true;
    case '500':
      sendImsx(ctx, 500, 'internal_server_error', 'internal server error (injected fault)');
      return true;
  }
}

async function handleOneRoster(ctx: RequestContext, runtime: SandboxRuntime, expireEarly: boolean): Promise<void> {
  if (ctx.path === '/' || ctx.path === '/health') {
    sendJson(ctx, 200, { status: 'ok', service: 'sislink sandbox' });
    return;
  }
  const match = matchRoute(ctx.method, ctx.path);
  if (match.kind === 'not-found') throw new HttpFailure(404, 'unknownobject', `no endpoint at ${ctx.path}`);
  if (match.kind === 'method-not-allowed') {
    sendImsx(ctx, 405, 'unsupported', `${ctx.method} is not supported on ${ctx.path}`, { allow: match.allow }, 'unsupported');
    return;
  }
  const { route, version, params } = match;
  authorize(ctx, runtime, { version, scopes: requiredScopes(version, route.scopes), expireEarly });
  await route.handler({ ctx, runtime, version, params, ser: { version, origin: runtime.origin } });
}

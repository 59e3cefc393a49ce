/**
 * The admin API under /admin/, guarded by a bearer admin token and never subject to faults.
 * The full contract is in docs/access-records-api.md.
 */
import { timingSafeEqual } from 'node:crypto';
import { readJsonObject } from '../http/body.js';
import { HttpFailure, sendEmpty, sendJson, type RequestContext } from '../http/respond.js';
import type { SandboxRuntime } from '../runtime.js';
import { handleRecords } from './records-api.js';
import { handleRoster } from './roster-api.js';
import { AdminError, adminNotFound, onlyFields, sendAdminError, validationFailed } from './respond.js';

const ADMIN_ENDPOINTS = ['/admin/access-records', '/admin/clock', '/admin/requests', '/admin/reset', '/admin/roster/{action}', '/admin/stats'];

function authorised(ctx: RequestContext, runtime: SandboxRuntime): boolean {
  const header = ctx.req.headers.authorization ?? '';
  if (!/^Bearer\s/i.test(header)) return false;
  const given = Buffer.from(header.slice(7).trim());
  const expected = Buffer.from(runtime.config.adminToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function clockBody(runtime: SandboxRuntime): Record<string, unknown> {
  return { now: runtime.clock.now().toISOString(), today: runtime.clock.today(), shifted: runtime.clock.isShifted() };
}

async function setClock(ctx: RequestContext, runtime: SandboxRuntime): Promise<void> {
  const body = await readJsonObject(ctx.req);
  onlyFields(body, ['now']);
  if (body.now === null) {
    runtime.clock.set(null);
  } else {
    const date = typeof body.now === 'string' && /^\d{4}-\d{2}-\d{2}/.test(body.now) ? new Date(body.now) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw validationFailed('now must be an ISO 8601 date or date-time, or null for real time');
    runtime.clock.set(date);
  }
  sendJson(ctx, 200, clockBody(runtime));
}

function stats(runtime: SandboxRuntime): Record<string, number> {
  const store = runtime.store;
  const count = (role: string) => store.usersByRole.get(role)?.size ?? 0;
  return {
    orgs: store.orgs.size, academicSessions: store.sessions.size, courses: store.courses.size, classes: store.classes.size,
    users: store.users.size, teachers: count('teacher'), students: count('student'), enrollments: store.enrollments.size,
    categories: store.categories.size, lineItems: store.lineItems.size, results: store.results.size, resources: store.resources.size,
  };
}

function methodNotAllowed(ctx: RequestContext): AdminError {
  return new AdminError(405, 'method_not_allowed', `${ctx.method} is not supported on ${ctx.path}`);
}

async function route(ctx: RequestContext, runtime: SandboxRuntime, segments: string[]): Promise<void> {
  const [head, ...rest] = segments;
  switch (head) {
    case 'access-records':
      return handleRecords(ctx, runtime, rest);
    case 'roster':
      return handleRoster(ctx, runtime, rest);
    case 'clock':
      if (ctx.method === 'GET') return sendJson(ctx, 200, clockBody(runtime));
      if (ctx.method === 'PUT') return setClock(ctx, runtime);
      throw methodNotAllowed(ctx);
    case 'requests':
      if (ctx.method === 'GET') return sendJson(ctx, 200, { requests: runtime.traffic.list() });
      if (ctx.method === 'DELETE') {
        runtime.traffic.clear();
        return sendEmpty(ctx, 204);
      }
      throw methodNotAllowed(ctx);
    case 'reset':
      if (ctx.method !== 'POST') throw methodNotAllowed(ctx);
      runtime.reset();
      return sendJson(ctx, 200, { status: 'reset' });
    case 'stats':
      if (ctx.method !== 'GET') throw methodNotAllowed(ctx);
      return sendJson(ctx, 200, stats(runtime));
    default:
      throw adminNotFound(`admin endpoint ${ctx.path}`);
  }
}

export async function handleAdmin(ctx: RequestContext, runtime: SandboxRuntime): Promise<void> {
  try {
    if (!authorised(ctx, runtime)) throw new AdminError(401, 'unauthorized', 'the admin API needs Authorization: Bearer <admin token>');
    const segments = ctx.path.split('/').filter((s) => s !== '').slice(1).map((s) => decodeURIComponent(s));
    if (segments.length === 0) return sendJson(ctx, 200, { endpoints: ADMIN_ENDPOINTS });
    await route(ctx, runtime, segments);
  } catch (error) {
    if (error instanceof AdminError) return sendAdminError(ctx, error);
    if (error instanceof HttpFailure) return sendAdminError(ctx, new AdminError(error.status, error.status === 422 ? 'validation_failed' : 'invalid_request', error.message));
    if (error instanceof URIError) return sendAdminError(ctx, new AdminError(400, 'invalid_request', 'malformed path'));
    throw error;
  }
}

/**
 * The admin API over HTTP, under `<prefix>/admin/` (bearer admin token when one is configured):
 *   GET    /admin/requests                          request log        DELETE /admin/requests  clear it
 *   GET    /admin/summary                           record counts
 *   GET    /admin/courses/{course}/courseWork/{cw}/submissions/{user}   one submission (course id or alias, user id or email)
 *   PATCH  /admin/submissions/{id}                  { assignedGrade, draftGrade, state, late } (null clears a grade)
 *   POST   /admin/courses/{course}/courseWork       { title, maxPoints, dueDate, gradeCategory, gradingPeriodId, state }
 *   DELETE /admin/courses/{course}/courseWork/{cw}
 *   DELETE /admin/courses/{course}
 *   POST   /admin/users                             { email, givenName, familyName }
 *   POST   /admin/fail-next                         { count, status: 429|500|503, retryAfterSeconds }
 *   POST   /admin/revoke-tokens                     POST /admin/reset
 */
import type { ClassroomEmulatorAdmin, ForcedFailure, GradePatch, NewCourseWork } from './admin.js';
import { ApiFailure, readJson, sendJson, type ApiContext } from './respond.js';

function segments(path: string): string[] {
  return path.split('/').filter(Boolean).map(decodeURIComponent);
}

function notFound(what: string): ApiFailure {
  return new ApiFailure(404, 'NOT_FOUND', what);
}

export async function handleAdminRequest(ctx: ApiContext, admin: ClassroomEmulatorAdmin, adminToken: string | undefined): Promise<void> {
  if (adminToken !== undefined && ctx.req.headers.authorization !== `Bearer ${adminToken}`) {
    throw new ApiFailure(401, 'UNAUTHENTICATED', 'the admin API needs the sandbox admin token');
  }
  const s = segments(ctx.path).slice(1); // drop "admin"
  const route = `${ctx.method} ${s.map((part, i) => (i % 2 === 1 ? '*' : part)).join('/')}`;
  switch (route) {
    case 'GET requests': return sendJson(ctx, 200, { requests: admin.requests() });
    case 'DELETE requests':
      admin.clearRequests();
      return sendJson(ctx, 200, {});
    case 'GET summary': return sendJson(ctx, 200, admin.summary());
    case 'GET courses/*/courseWork/*/submissions/*': {
      const found = admin.findSubmission(s[1]!, s[3]!, s[5]!);
      if (found === undefined) throw notFound('no such submission');
      return sendJson(ctx, 200, found);
    }
    case 'PATCH submissions/*': return sendJson(ctx, 200, admin.setGrades(s[1]!, (await readJson(ctx.req)) as GradePatch));
    case 'POST courses/*/courseWork': return sendJson(ctx, 200, admin.addCourseWork(s[1]!, (await readJson(ctx.req)) as unknown as NewCourseWork));
    case 'DELETE courses/*/courseWork/*':
      if (!admin.deleteCourseWork(s[1]!, s[3]!)) throw notFound(`no courseWork ${s[3]} in course ${s[1]}`);
      return sendJson(ctx, 200, {});
    case 'DELETE courses/*':
      if (!admin.removeCourse(s[1]!)) throw notFound(`no course ${s[1]}`);
      return sendJson(ctx, 200, {});
    case 'POST users': {
      const body = await readJson(ctx.req);
      if (typeof body.email !== 'string') throw new ApiFailure(400, 'INVALID_ARGUMENT', 'email is required');
      return sendJson(ctx, 200, admin.addUser(body as { email: string }));
    }
    case 'POST fail-next': {
      const body = await readJson(ctx.req);
      const count = Number(body.count ?? 1);
      const failure: ForcedFailure = {
        status: (Number(body.status ?? 429) as ForcedFailure['status']), retryAfterSeconds: Number(body.retryAfterSeconds ?? 0),
        ...(typeof body.method === 'string' ? { method: body.method.toUpperCase() } : {}),
      };
      admin.failNext(count, failure);
      return sendJson(ctx, 200, {});
    }
    case 'POST revoke-tokens':
      admin.revokeTokens();
      return sendJson(ctx, 200, {});
    case 'POST reset':
      admin.reset();
      return sendJson(ctx, 200, {});
    default:
      throw notFound(`no admin endpoint ${ctx.method} ${ctx.path}`);
  }
}

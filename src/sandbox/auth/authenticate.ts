/**
 * Authorises a OneRoster API request: a Bearer token (both versions) or an OAuth 1.0a signature
 * (1.1 only). 401 for missing, invalid or expired credentials; 403 when the token lacks the scope.
 */
import { HttpFailure, type RequestContext } from '../http/respond.js';
import type { OneRosterVersion } from '../oneroster/serialize.js';
import type { SandboxRuntime } from '../runtime.js';
import { baseStringUri, parseAuthorizationHeader, verifyOauth1 } from './oauth1.js';
import { unusableReason } from './records.js';

const BEARER_CHALLENGE = 'Bearer realm="sislink-sandbox"';

function unauthorised(message: string, error = 'invalid_token'): HttpFailure {
  return new HttpFailure(401, 'unauthorisedrequest', message, { 'www-authenticate': `${BEARER_CHALLENGE}, error="${error}"` });
}

export interface AuthorizeOptions {
  version: OneRosterVersion;
  /** Any one of these scope URIs suffices. */
  scopes: string[];
  /** Set by the fault injector: treat this request's token as expired early. */
  expireEarly: boolean;
  form?: URLSearchParams;
}

export function authorize(ctx: RequestContext, runtime: SandboxRuntime, options: AuthorizeOptions): void {
  const header = ctx.req.headers.authorization;
  if (header && /^Bearer\s/i.test(header)) {
    authorizeBearer(runtime, header.slice(7).trim(), options);
    return;
  }
  const oauth1 = header ? parseAuthorizationHeader(header) : ctx.query.has('oauth_signature') ? new Map<string, string>() : undefined;
  if (oauth1) {
    if (options.version !== '1.1') throw unauthorised('OAuth 1.0a signatures are accepted on OneRoster 1.1 only', 'invalid_request');
    authorizeOauth1(ctx, runtime, oauth1, options.form);
    return;
  }
  throw new HttpFailure(401, 'unauthorisedrequest', 'an access token is required', { 'www-authenticate': BEARER_CHALLENGE });
}

function authorizeBearer(runtime: SandboxRuntime, token: string, options: AuthorizeOptions): void {
  const issued = runtime.tokens.get(token);
  if (!issued) throw unauthorised('the access token is invalid or has expired');
  if (issued.expiresAt <= runtime.clock.now().getTime() || options.expireEarly) {
    runtime.tokens.revoke(token);
    throw unauthorised('the access token has expired');
  }
  const record = runtime.records.get(issued.recordId);
  const reason = record ? unusableReason(record, runtime.clock.today()) : 'deleted';
  if (reason !== null) throw unauthorised(`the access record behind this token is not usable (${reason})`);
  if (!options.scopes.some((scope) => issued.scopes.has(scope))) {
    throw new HttpFailure(403, 'forbidden', `the access token lacks the scope this operation needs: ${options.scopes.join(' or ')}`);
  }
}

function authorizeOauth1(ctx: RequestContext, runtime: SandboxRuntime, header: Map<string, string>, form: URLSearchParams | undefined): void {
  const host = ctx.req.headers.host ?? '127.0.0.1';
  const outcome = verifyOauth1(
    { method: ctx.method, baseUrl: baseStringUri('http', host, ctx.path), header, query: ctx.query, form },
    (key) => {
      const record = runtime.records.findByKey(key);
      if (!record || record.secret === null || unusableReason(record, runtime.clock.today()) !== null) return undefined;
      return record.secret;
    },
    runtime.nonces,
  );
  if (!outcome.ok) throw unauthorised(outcome.reason);
}

/**
 * POST /oauth/token: OAuth 2.0 client credentials (RFC 6749 §4.4). Credentials in HTTP Basic or in the
 * form body; optional `scope`. Errors follow RFC 6749 §5.2.
 */
import { readBody } from '../http/body.js';
import { sendJson, type RequestContext } from '../http/respond.js';
import type { SandboxRuntime } from '../runtime.js';
import { expandScopes } from './scopes.js';
import { secretMatches, unusableReason, type AccessRecord } from './records.js';

type TokenError = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';

function fail(ctx: RequestContext, status: number, error: TokenError, description: string): void {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (status === 401) headers['www-authenticate'] = 'Basic realm="sislink-sandbox"';
  sendJson(ctx, status, { error, error_description: description }, headers);
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/** Client id and secret from HTTP Basic (form-encoded per RFC 6749 §2.3.1), or undefined. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined | 'malformed' {
  if (!header || !/^Basic\s/i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return 'malformed';
  }
}

export function authenticateClient(runtime: SandboxRuntime, id: string, secret: string): AccessRecord | string {
  const record = runtime.records.findByKey(id);
  if (!record || !secretMatches(record, secret)) return 'client authentication failed';
  const reason = unusableReason(record, runtime.clock.today());
  return reason === null ? record : `the access record for this client is not usable (${reason})`;
}

export async function handleTokenRequest(ctx: RequestContext, runtime: SandboxRuntime): Promise<void> {
  if (ctx.method !== 'POST') {
    sendJson(ctx, 405, { error: 'invalid_request', error_description: 'use POST' }, { allow: 'POST' });
    return;
  }
  const form = new URLSearchParams(await readBody(ctx.req));
  if (form.get('grant_type') !== 'client_credentials') {
    fail(ctx, 400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    return;
  }
  const basic = basicCredentials(ctx.req.headers.authorization);
  if (basic === 'malformed') {
    fail(ctx, 401, 'invalid_client', 'malformed HTTP Basic credentials');
    return;
  }
  const id = basic?.id ?? form.get('client_id');
  const secret = basic?.secret ?? form.get('client_secret');
  if (!id || secret === null) {
    fail(ctx, 401, 'invalid_client', 'client credentials are missing (HTTP Basic or client_id/client_secret)');
    return;
  }
  const record = authenticateClient(runtime, id, secret);
  if (typeof record === 'string') {
    fail(ctx, 401, 'invalid_client', record);
    return;
  }
  const { granted, unknown } = expandScopes(form.get('scope'));
  if (unknown.length > 0) {
    fail(ctx, 400, 'invalid_scope', `unknown scope: ${unknown.join(' ')}`);
    return;
  }
  const ttl = runtime.config.tokenTtlSeconds;
  const token = runtime.tokens.issue(record.id, granted, ttl, runtime.clock.now().getTime());
  sendJson(ctx, 200, { access_token: token, token_type: 'Bearer', expires_in: ttl, scope: granted.join(' ') }, {
    'cache-control': 'no-store', pragma: 'no-cache',
  });
}

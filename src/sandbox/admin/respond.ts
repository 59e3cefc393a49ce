/** Admin API responses: JSON bodies, errors as `{ "error": code, "message": text }`. */
import { sendJson, type RequestContext } from '../http/respond.js';

export type AdminErrorCode = 'unauthorized' | 'not_found' | 'method_not_allowed' | 'invalid_request' | 'validation_failed' | 'conflict';

export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: AdminErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const adminNotFound = (what: string): AdminError => new AdminError(404, 'not_found', `${what} was not found`);
export const validationFailed = (message: string): AdminError => new AdminError(422, 'validation_failed', message);

export function sendAdminError(ctx: RequestContext, error: AdminError): void {
  const headers: Record<string, string> = {};
  if (error.status === 401) headers['www-authenticate'] = 'Bearer realm="sislink-sandbox-admin"';
  sendJson(ctx, error.status, { error: error.code, message: error.message }, headers);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(value: unknown): value is string {
  return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

export function onlyFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw validationFailed(`unknown field "${key}" (allowed: ${allowed.join(', ')})`);
  }
}

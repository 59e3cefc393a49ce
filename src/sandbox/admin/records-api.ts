/** Admin API for Integration Access records: list, get, create, update, deactivate, generate-secret, delete. */
import { readJsonObject } from '../http/body.js';
import { sendEmpty, sendJson, type RequestContext } from '../http/respond.js';
import {
  newRecordId, newSecret, oneYearAfter, publicRecord, type AccessRecord,
} from '../auth/records.js';
import type { SandboxRuntime } from '../runtime.js';
import { AdminError, adminNotFound, isDate, onlyFields, validationFailed } from './respond.js';

const KEY = /^[A-Za-z0-9._~-]{1,128}$/;
const CREATE_FIELDS = ['name', 'key', 'authType', 'isActive', 'effectiveDate', 'expirationDate', 'rejectTokens'] as const;
const PATCH_FIELDS = ['name', 'isActive', 'effectiveDate', 'expirationDate', 'rejectTokens'] as const;

function requireRecord(runtime: SandboxRuntime, id: string): AccessRecord {
  const record = runtime.records.get(id);
  if (!record) throw adminNotFound(`access record "${id}"`);
  return record;
}

function dateOrNull(body: Record<string, unknown>, field: string): string | null | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (!isDate(value)) throw validationFailed(`${field} must be a date YYYY-MM-DD or null`);
  return value;
}

function bool(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw validationFailed(`${field} must be true or false`);
  return value;
}

function name(body: Record<string, unknown>): string | undefined {
  const value = body.name;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200) throw validationFailed('name must be a non-empty string of at most 200 characters');
  return value;
}

function checkWindow(record: { effectiveDate: string | null; expirationDate: string | null }): void {
  if (record.effectiveDate !== null && record.expirationDate !== null && record.expirationDate < record.effectiveDate) {
    throw validationFailed('expirationDate is before effectiveDate');
  }
}

async function create(ctx: RequestContext, runtime: SandboxRuntime): Promise<void> {
  const body = await readJsonObject(ctx.req);
  onlyFields(body, CREATE_FIELDS);
  const recordName = name(body);
  if (recordName === undefined) throw validationFailed('name is required');
  const key = body.key;
  if (typeof key !== 'string' || !KEY.test(key)) throw validationFailed('key is required: 1-128 characters of A-Z a-z 0-9 . _ ~ -');
  if (body.authType !== undefined && body.authType !== 'OAuth 2.0') throw validationFailed('authType must be "OAuth 2.0"');
  if (runtime.records.findByKey(key)) throw new AdminError(409, 'conflict', `an access record with key "${key}" already exists`);
  const effective = dateOrNull(body, 'effectiveDate');
  const effectiveDate = effective === undefined ? runtime.clock.today() : effective;
  const expiration = dateOrNull(body, 'expirationDate');
  const expirationDate = expiration !== undefined ? expiration : effectiveDate === null ? null : oneYearAfter(effectiveDate);
  const now = runtime.clock.now().toISOString();
  const record: AccessRecord = {
    id: newRecordId(), name: recordName, key, authType: 'OAuth 2.0', isActive: bool(body, 'isActive') ?? true,
    effectiveDate, expirationDate, rejectTokens: bool(body, 'rejectTokens') ?? false, builtIn: false,
    secret: null, secretGeneratedAt: null, createdAt: now, updatedAt: now,
  };
  checkWindow(record);
  runtime.records.add(record);
  sendJson(ctx, 201, { accessRecord: publicRecord(record) }, { location: `/admin/access-records/${record.id}` });
}

async function update(ctx: RequestContext, runtime: SandboxRuntime, id: string): Promise<void> {
  const record = requireRecord(runtime, id);
  const body = await readJsonObject(ctx.req);
  if ('key' in body || 'authType' in body) throw validationFailed('key and authType cannot be changed; create a new access record');
  onlyFields(body, PATCH_FIELDS);
  const next = { ...record };
  next.name = name(body) ?? next.name;
  next.isActive = bool(body, 'isActive') ?? next.isActive;
  next.rejectTokens = bool(body, 'rejectTokens') ?? next.rejectTokens;
  const effective = dateOrNull(body, 'effectiveDate');
  if (effective !== undefined) next.effectiveDate = effective;
  const expiration = dateOrNull(body, 'expirationDate');
  if (expiration !== undefined) next.expirationDate = expiration;
  checkWindow(next);
  next.updatedAt = runtime.clock.now().toISOString();
  Object.assign(record, next);
  sendJson(ctx, 200, { accessRecord: publicRecord(record) });
}

function deactivate(ctx: RequestContext, runtime: SandboxRuntime, id: string): void {
  const record = requireRecord(runtime, id);
  record.isActive = false;
  record.updatedAt = runtime.clock.now().toISOString();
  sendJson(ctx, 200, { accessRecord: publicRecord(record) });
}

function generateSecret(ctx: RequestContext, runtime: SandboxRuntime, id: string): void {
  const record = requireRecord(runtime, id);
  const now = runtime.clock.now().toISOString();
  record.secret = newSecret();
  record.secretGeneratedAt = now;
  record.updatedAt = now;
  sendJson(ctx, 200, { accessRecord: publicRecord(record), secret: record.secret }, { 'cache-control': 'no-store' });
}

/** Routes /admin/access-records[/{id}[/action]]. `rest` is the path after /admin/access-records. */
export async function handleRecords(ctx: RequestContext, runtime: SandboxRuntime, rest: string[]): Promise<void> {
  const [id, action] = rest;
  const method = ctx.method;
  if (id === undefined) {
    if (method === 'GET') return sendJson(ctx, 200, { accessRecords: runtime.records.list().map(publicRecord) });
    if (method === 'POST') return create(ctx, runtime);
    throw new AdminError(405, 'method_not_allowed', `${method} is not supported on /admin/access-records`);
  }
  if (action === undefined && rest.length === 1) {
    if (method === 'GET') return sendJson(ctx, 200, { accessRecord: publicRecord(requireRecord(runtime, id)) });
    if (method === 'PATCH') return update(ctx, runtime, id);
    if (method === 'DELETE') {
      if (!runtime.records.remove(id)) throw adminNotFound(`access record "${id}"`);
      return sendEmpty(ctx, 204);
    }
    throw new AdminError(405, 'method_not_allowed', `${method} is not supported on an access record`);
  }
  if (rest.length === 2 && (action === 'deactivate' || action === 'generate-secret')) {
    if (method !== 'POST') throw new AdminError(405, 'method_not_allowed', `use POST for ${action}`);
    return action === 'deactivate' ? deactivate(ctx, runtime, id) : generateSecret(ctx, runtime, id);
  }
  throw adminNotFound(`admin endpoint ${ctx.path}`);
}

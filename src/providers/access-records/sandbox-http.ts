/**
 * `sandbox-http`: the access-record HTTP contract (docs/access-records-api.md), which `sislink
 * sandbox` implements under /admin and a vendor or district can implement in front of its SIS.
 */
import type { Dispatcher } from 'undici';
import { SislinkError } from '../../errors.js';
import { createHttpClient, type HttpMethod, type HttpResponse } from '../../http/index.js';
import { registerSecret } from '../../secrets/redact.js';
import { SISLINK_VERSION } from '../user-agent.js';
import type { AccessRecordProvider, NewRecord, ProviderRecord } from './types.js';

export interface SandboxHttpOptions {
  /** Root of the admin API, e.g. http://127.0.0.1:8080/admin. */
  url: string;
  /** The admin bearer token (already resolved from its reference). */
  token: string;
  dispatcher?: Dispatcher;
  timeoutMs?: number;
}

const ERROR_STATUSES = [400, 401, 403, 404, 405, 409, 413, 422, 500, 502, 503, 504] as const;

function toRecord(raw: Record<string, unknown>): ProviderRecord {
  return {
    id: String(raw.id),
    name: String(raw.name),
    key: String(raw.key),
    isActive: raw.isActive === true,
    effectiveDate: typeof raw.effectiveDate === 'string' ? raw.effectiveDate : null,
    expirationDate: typeof raw.expirationDate === 'string' ? raw.expirationDate : null,
    hasSecret: raw.hasSecret === true,
    builtIn: raw.builtIn === true,
  };
}

function failure(method: string, path: string, response: HttpResponse): SislinkError {
  let detail = '';
  try {
    const body = response.json<{ error?: string; message?: string }>();
    detail = [body.error, body.message].filter(Boolean).join(': ');
  } catch {
    detail = 'no JSON error body';
  }
  return new SislinkError('HTTP_ERROR', `access-record provider: ${method} ${path} answered HTTP ${response.status}${detail === '' ? '' : ` (${detail})`}`, {
    details: { status: response.status, method, path },
  });
}

export function sandboxHttpProvider(options: SandboxHttpOptions): AccessRecordProvider {
  registerSecret(options.token);
  const base = options.url.replace(/\/+$/, '');
  const http = createHttpClient({
    baseUrl: `${base}/`,
    userAgent: `sislink/${SISLINK_VERSION}`,
    timeoutMs: options.timeoutMs ?? 15_000,
    retry: { attempts: 3, baseDelayMs: 200, maxDelayMs: 2_000, maxRetryAfterMs: 10_000 },
    dispatcher: options.dispatcher,
  });

  async function call(method: HttpMethod, path: string, json?: unknown): Promise<Record<string, unknown>> {
    const response = await http.request({
      method,
      url: `${base}${path}`,
      headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' },
      ...(json === undefined ? {} : { json }),
      acceptStatus: ERROR_STATUSES,
    });
    if (response.status < 200 || response.status > 299) throw failure(method, path, response);
    return response.json<Record<string, unknown>>();
  }

  return {
    id: 'sandbox-http',
    async list() {
      const body = await call('GET', '/access-records');
      const records = Array.isArray(body.accessRecords) ? (body.accessRecords as Record<string, unknown>[]) : [];
      return records.map(toRecord);
    },
    async create(record: NewRecord) {
      const body = await call('POST', '/access-records', {
        name: record.name,
        key: record.key,
        effectiveDate: record.effectiveDate,
        expirationDate: record.expirationDate,
      });
      return toRecord(body.accessRecord as Record<string, unknown>);
    },
    async generateSecret(id: string) {
      const body = await call('POST', `/access-records/${encodeURIComponent(id)}/generate-secret`);
      const secret = body.secret;
      if (typeof secret !== 'string' || secret === '') {
        throw new SislinkError('HTTP_ERROR', `access-record provider: generate-secret of record ${id} returned no secret`);
      }
      registerSecret(secret);
      return secret;
    },
    async deactivate(id: string) {
      const body = await call('POST', `/access-records/${encodeURIComponent(id)}/deactivate`);
      return toRecord(body.accessRecord as Record<string, unknown>);
    },
    close: () => http.close(),
  };
}

/** Shared helpers for sandbox tests: start a tiny sandbox, fetch tokens, call endpoints over HTTP. */
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../src/sandbox/index.js';

export const V12 = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';
export const V11 = 'https://purl.imsglobal.org/spec/or/v1p1/scope/';
export const GOOGLE_SCOPES = ['roster.readonly', 'gradebook.readonly', 'gradebook.createput', 'gradebook.delete'].map((s) => V12 + s);

export function startTiny(options: SandboxOptions = {}): Promise<SandboxHandle> {
  return startSandbox({ size: 'tiny', schoolYear: 2026, ...options });
}

export interface Reply {
  status: number;
  headers: Headers;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function call(method: string, url: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text === '' ? undefined : JSON.parse(text) };
}

export async function requestToken(
  handle: SandboxHandle,
  options: { scopes?: string[]; id?: string; secret?: string; style?: 'basic' | 'body' } = {},
): Promise<Reply> {
  const id = options.id ?? handle.clientId;
  const secret = options.secret ?? handle.clientSecret;
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (options.scopes) form.set('scope', options.scopes.join(' '));
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (options.style === 'body') {
    form.set('client_id', id);
    form.set('client_secret', secret);
  } else {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  }
  const response = await fetch(handle.tokenUrl, { method: 'POST', headers, body: form.toString() });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

export async function token(handle: SandboxHandle, scopes: string[] = GOOGLE_SCOPES): Promise<string> {
  const reply = await requestToken(handle, { scopes });
  if (reply.status !== 200) throw new Error(`token request failed: ${reply.status} ${JSON.stringify(reply.json)}`);
  return reply.json.access_token as string;
}

export function admin(handle: SandboxHandle, method: string, path: string, body?: unknown): Promise<Reply> {
  return call(method, `${handle.adminUrl}${path}`, { token: handle.adminToken, body });
}

/** A lineItem body for 1.2 pointing at real seeded records. */
export function lineItemBody(handle: SandboxHandle, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const klass = [...handle.data.classes.values()][0]!;
  const category = [...(handle.data.categoriesByClass.get(klass.sourcedId) ?? [])][0]!;
  return {
    title: 'Unit 1 quiz', assignDate: '2025-09-01T00:00:00Z', dueDate: '2025-09-08T23:59:00Z',
    class: { sourcedId: klass.sourcedId, type: 'class' }, school: { sourcedId: klass.schoolId, type: 'org' },
    category: { sourcedId: category, type: 'category' }, resultValueMin: 0, resultValueMax: 100, ...overrides,
  };
}

export function studentOf(handle: SandboxHandle, classId: string): string {
  for (const enrollment of handle.data.classEnrollments(classId, 'student')) return enrollment.userId;
  throw new Error(`class ${classId} has no students`);
}

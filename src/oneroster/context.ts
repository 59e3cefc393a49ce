import { SislinkError } from '../errors.js';
import { HttpError } from '../http/errors.js';
import type { ResolvedSisEndpoints } from '../vendors/types.js';
import { paginate, type ListOptions } from './paging.js';
import type { OperationKind } from './scopes.js';
import type { OneRosterCall } from './transport.js';

/** What the operation modules share: the authenticated call, the endpoints, the page size. */
export interface OneRosterContext {
  call: OneRosterCall;
  endpoints: ResolvedSisEndpoints;
  pageSize: number;
}

export function rosteringUrl(ctx: OneRosterContext, ...segments: string[]): string {
  return joinUrl(ctx.endpoints.rosteringUrl, segments);
}

export function gradebookUrl(ctx: OneRosterContext, ...segments: string[]): string {
  return joinUrl(ctx.endpoints.gradebookUrl, segments);
}

/** Characters encodeURIComponent leaves as they are (RFC 3986 unreserved, plus !*'()). */
const UNRESERVED = /^[A-Za-z0-9\-_.!~*'()]*$/;

/** Percent-encodes one path segment; `.` and `..` too, which URL resolution would otherwise fold. */
function encodeSegment(segment: string): string {
  if (segment === '.' || segment === '..') return segment.replaceAll('.', '%2E');
  return UNRESERVED.test(segment) ? segment : encodeURIComponent(segment);
}

/** Joins path segments; every segment is percent-encoded, so an id cannot change the path. */
function joinUrl(root: string, segments: string[]): string {
  let end = root.length;
  while (end > 0 && root.charCodeAt(end - 1) === 47 /* '/' */) end--;
  let url = root.slice(0, end);
  for (const segment of segments) url += `/${encodeSegment(segment)}`;
  return url;
}

export function list<T>(ctx: OneRosterContext, kind: OperationKind, url: string, key: string, options: ListOptions = {}): AsyncGenerator<T, void, undefined> {
  return paginate<T>(ctx.call, { kind, url, key, limit: options.limit ?? ctx.pageSize, list: options });
}

export function checkId(sourcedId: string): void {
  if (sourcedId.length === 0) throw new SislinkError('USAGE', 'a OneRoster sourcedId must not be empty');
}

/** GET of one record wrapped as `{ <wrapper>: {...} }`; undefined on 404. */
export async function fetchOne<T>(ctx: OneRosterContext, kind: OperationKind, url: string, wrapper: string): Promise<T | undefined> {
  const response = await ctx.call(kind, { method: 'GET', url, acceptStatus: [404] });
  if (response.status === 404) return undefined;
  const record = response.json<Record<string, unknown>>()?.[wrapper];
  if (typeof record !== 'object' || record === null) {
    throw new HttpError({ method: 'GET', url: response.url, status: response.status, reason: `no "${wrapper}" in the response` });
  }
  return record as T;
}

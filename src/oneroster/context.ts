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

/** Joins path segments; every segment is percent-encoded, so an id cannot change the path. */
function joinUrl(root: string, segments: string[]): string {
  return `${root.replace(/\/+$/, '')}/${segments.map(encodeURIComponent).join('/')}`;
}

export function list<T>(ctx: OneRosterContext, kind: OperationKind, url: string, key: string, options: ListOptions = {}): AsyncGenerator<T, void, undefined> {
  return paginate<T>(ctx.call, { kind, url, key, limit: options.limit ?? ctx.pageSize, list: options });
}

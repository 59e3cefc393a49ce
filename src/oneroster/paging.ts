/**
 * Collection reads as async iterators. Pages with limit/offset and stops on whichever signal the
 * server gives: a Link header (follow rel="next"; a Link header without it is the end),
 * X-Total-Count, or a short or empty page. Only the current page is ever held.
 */
import { SislinkError } from '../errors.js';
import { scrubUrl } from '../http/scrub-url.js';
import type { HttpResponse } from '../http/types.js';
import type { Filter } from './filter.js';
import type { OperationKind } from './scopes.js';
import type { OneRosterCall } from './transport.js';

export interface ListOptions {
  /** Page size; defaults to the client's pageSize. */
  limit?: number;
  filter?: Filter | string;
  fields?: readonly string[];
  sort?: string;
  orderBy?: 'asc' | 'desc';
  signal?: AbortSignal;
}

export interface PageRequest {
  kind: OperationKind;
  /** Absolute URL of the collection. */
  url: string;
  /** Key of the array in the response body, e.g. `users`. */
  key: string;
  limit: number;
  list: ListOptions;
}

/** Extracts the rel="next" target of a Link header; null when the header exists without one. */
export function nextLink(header: string | undefined): string | null | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match === null) continue;
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2] ?? '');
    if (rel?.[1]?.split(/\s+/).includes('next') === true) return match[1] ?? null;
  }
  return null;
}

function totalOf(response: HttpResponse): number | undefined {
  const raw = response.headers['x-total-count'];
  if (raw === undefined || !/^\s*\d+\s*$/.test(raw)) return undefined;
  return Number(raw);
}

function itemsOf<T>(response: HttpResponse, key: string): T[] {
  const body = response.json<Record<string, unknown>>();
  const items = body?.[key];
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) {
    throw new SislinkError('HTTP_ERROR', `GET ${scrubUrl(response.url)} returned "${key}" that is not a list`);
  }
  return items as T[];
}

export async function* paginate<T>(call: OneRosterCall, page: PageRequest): AsyncGenerator<T, void, undefined> {
  const { list } = page;
  const filter = typeof list.filter === 'string' ? list.filter : list.filter?.expression;
  const base = { filter, fields: list.fields?.join(','), sort: list.sort, orderBy: list.orderBy };
  let offset = 0;
  let seen = 0;
  let linkUrl: string | undefined;
  const visited = new Set<string>();
  for (;;) {
    const response = linkUrl === undefined
      ? await call(page.kind, { method: 'GET', url: page.url, query: { ...base, limit: page.limit, offset }, signal: list.signal })
      : await call(page.kind, { method: 'GET', url: linkUrl, signal: list.signal });
    let items: T[] | undefined = itemsOf<T>(response, page.key);
    const count = items.length;
    seen += count;
    for (const item of items) yield item;
    items = undefined;
    if (count === 0) return;
    const total = totalOf(response);
    if (total !== undefined && seen >= total) return;
    const next = nextLink(response.headers.link);
    if (next === null) return;
    if (next !== undefined) {
      linkUrl = new URL(next, response.url).toString();
      // A server that links a page to itself would loop forever.
      if (visited.has(linkUrl)) return;
      visited.add(linkUrl);
      continue;
    }
    if (total === undefined && count < page.limit) return;
    // No Link this time: continue by offset from what has been read so far.
    linkUrl = undefined;
    offset = seen;
  }
}

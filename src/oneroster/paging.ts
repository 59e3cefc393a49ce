/**
 * Collection reads as async iterators. Pages with limit/offset and stops on whichever signal the
 * server gives: a Link header (follow rel="next"; a Link header without it is the end),
 * X-Total-Count, or a short or empty page. Only the current page is ever held.
 */
import { HttpError } from '../http/errors.js';
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

interface Page<T> {
  items: T[];
  total: number | undefined;
  next: string | null | undefined;
  url: string;
}

/** Parses a page and keeps only what paging needs, so the raw body text can be collected. */
function readPage<T>(response: HttpResponse, key: string): Page<T> {
  const body = response.json<Record<string, unknown>>();
  const items = body?.[key] ?? [];
  if (!Array.isArray(items)) {
    throw new HttpError({ method: 'GET', url: response.url, status: response.status, reason: `"${key}" is not a list` });
  }
  return { items: items as T[], total: totalOf(response), next: nextLink(response.headers.link), url: response.url };
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
    const request = linkUrl === undefined
      ? { method: 'GET' as const, url: page.url, query: { ...base, limit: page.limit, offset }, signal: list.signal }
      : { method: 'GET' as const, url: linkUrl, signal: list.signal };
    const { items, total, next, url } = readPage<T>(await call(page.kind, request), page.key);
    const count = items.length;
    seen += count;
    // Hand out the page, dropping each reference as it goes, before the next request.
    const slots: Array<T | undefined> = items;
    for (let i = 0; i < slots.length; i++) {
      const item = slots[i] as T;
      slots[i] = undefined;
      yield item;
    }
    if (count === 0) return;
    if (total !== undefined && seen >= total) return;
    if (next === null) return;
    if (next !== undefined) {
      linkUrl = new URL(next, url).toString();
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

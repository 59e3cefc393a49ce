/**
 * Paged reads: Classroom answers a page of items and a nextPageToken that must be sent back as
 * pageToken with the other parameters unchanged. Items stream out page by page.
 */
import type { ClassroomCall } from './transport.js';

export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** Encodes parameters; arrays repeat the name (`courseStates=ACTIVE&courseStates=ARCHIVED`). */
export function queryString(query: Record<string, QueryValue>): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values as readonly (string | number | boolean)[]) {
      pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(item))}`);
    }
  }
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

export function segment(id: string): string {
  return encodeURIComponent(id);
}

export interface PageOptions {
  pageSize?: number;
  signal?: AbortSignal;
}

/**
 * A paged listing: iterate it for its items, or read it page by page. Pages skip the async step
 * per item (about half a microsecond each), which matters for a course's hundreds of submissions.
 */
export interface Listing<T> extends AsyncIterable<T> {
  pages(): AsyncGenerator<T[], void, undefined>;
  /** Every item of every page. */
  all(): Promise<T[]>;
}

export function paginate<T>(
  call: ClassroomCall,
  path: string,
  field: string,
  query: Record<string, QueryValue>,
  options: PageOptions,
  /** A partial response: only these fields of each item (and the page token) come back. */
  itemFields?: readonly string[],
): Listing<T> {
  const fields = itemFields === undefined ? undefined : `nextPageToken,${field}(${itemFields.join(',')})`;
  async function* pages(): AsyncGenerator<T[], void, undefined> {
    let pageToken: string | undefined;
    do {
      const page = await call<Record<string, unknown>>({
        method: 'GET', path: `${path}${queryString({ ...query, fields, pageSize: options.pageSize, pageToken })}`, signal: options.signal,
      });
      const items = page?.[field];
      if (Array.isArray(items) && items.length > 0) yield items as T[];
      const next = page?.nextPageToken;
      pageToken = typeof next === 'string' && next.length > 0 ? next : undefined;
    } while (pageToken !== undefined);
  }
  return {
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page;
    },
    pages,
    async all() {
      const items: T[] = [];
      for await (const page of pages()) for (const item of page) items.push(item);
      return items;
    },
  };
}

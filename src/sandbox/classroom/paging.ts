/**
 * pageSize / pageToken / nextPageToken. A page token holds the offset and a digest of the other
 * parameters: sending it back with different parameters is refused, as Classroom does.
 */
import { createHash } from 'node:crypto';
import { invalid } from './respond.js';

export interface PageLimits {
  defaultPageSize: number;
  maxPageSize: number;
}

function digest(path: string, query: URLSearchParams): string {
  const kept = [...query.entries()].filter(([name]) => name !== 'pageToken' && name !== 'pageSize').sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(`${path}?${new URLSearchParams(kept).toString()}`).digest('base64url').slice(0, 12);
}

export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

export function pageOf<T>(items: readonly T[], path: string, query: URLSearchParams, limits: PageLimits): Page<T> {
  const sizeText = query.get('pageSize');
  const requested = sizeText === null || sizeText === '' ? 0 : Number(sizeText);
  if (!Number.isInteger(requested) || requested < 0) throw invalid('pageSize must be a non-negative integer.');
  const size = Math.min(requested === 0 ? limits.defaultPageSize : requested, limits.maxPageSize);
  const token = query.get('pageToken');
  let offset = 0;
  if (token !== null && token !== '') {
    const [offsetText, check] = Buffer.from(token, 'base64url').toString('utf8').split(':');
    offset = Number(offsetText);
    if (!Number.isInteger(offset) || offset < 0 || check !== digest(path, query)) {
      throw invalid('The page token is invalid or does not match the other request parameters.');
    }
  }
  const end = offset + size;
  const page: Page<T> = { items: items.slice(offset, end) };
  if (end < items.length) page.nextPageToken = Buffer.from(`${end}:${digest(path, query)}`).toString('base64url');
  return page;
}

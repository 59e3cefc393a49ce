/**
 * Collection and single-record responses: paging (limit/offset, X-Total-Count, Link), filter, sort,
 * orderBy and fields, with imsx 400s for unknown fields. Without filter or sort only the requested
 * page is serialised.
 */
import { HttpFailure, notFound, sendJson } from '../http/respond.js';
import { matchesFilter, parseFilter, QueryError, selectFields, sortRecords, type Filter } from '../http/query.js';
import type { ApiCall } from './call.js';
import { isKnownField, type Kind } from './fields.js';
import type { SerializeContext } from './serialize.js';

type Json = Record<string, unknown>;
export type Serializer<T> = (ctx: SerializeContext, record: T) => Json;

const DEFAULT_LIMIT = 100;

function integerParam(call: ApiCall, name: string, fallback: number, min: number): number {
  const raw = call.ctx.query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new HttpFailure(400, 'invaliddata', `${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

function fieldList(call: ApiCall, kind: Kind): string[] | undefined {
  const raw = call.ctx.query.get('fields');
  if (raw === null || raw.trim() === '') return undefined;
  const fields = raw.split(',').map((f) => f.trim()).filter(Boolean);
  for (const field of fields) {
    if (!isKnownField(kind, call.version, field) || field.includes('.')) throw new HttpFailure(400, 'invalid_selection_field', `fields: unknown field "${field}"`);
  }
  return fields;
}

function filterOf(call: ApiCall, kind: Kind): Filter | undefined {
  const raw = call.ctx.query.get('filter');
  if (raw === null || raw.trim() === '') return undefined;
  let filter: Filter;
  try {
    filter = parseFilter(raw);
  } catch (error) {
    if (error instanceof QueryError) throw new HttpFailure(400, error.codeMinor, error.message);
    throw error;
  }
  for (const clause of filter.clauses) {
    if (!isKnownField(kind, call.version, clause.field)) throw new HttpFailure(400, 'invalid_filter_field', `filter: unknown field "${clause.field}"`);
  }
  return filter;
}

function linkHeader(call: ApiCall, offset: number, limit: number, total: number): string | undefined {
  const links: string[] = [];
  const at = (o: number, rel: string) => {
    const params = new URLSearchParams(call.ctx.search);
    params.set('limit', String(limit));
    params.set('offset', String(o));
    links.push(`<${call.runtime.origin}${call.ctx.path}?${params.toString()}>; rel="${rel}"`);
  };
  if (offset + limit < total) at(offset + limit, 'next');
  if (offset > 0) at(Math.max(0, offset - limit), 'prev');
  at(0, 'first');
  at(total === 0 ? 0 : Math.floor((total - 1) / limit) * limit, 'last');
  return links.join(', ');
}

export function sendList<T>(call: ApiCall, kind: Kind, plural: string, records: readonly T[], serialize: Serializer<T>): void {
  const limit = Math.min(integerParam(call, 'limit', DEFAULT_LIMIT, 1), call.runtime.config.maxPageSize);
  const offset = integerParam(call, 'offset', 0, 0);
  const filter = filterOf(call, kind);
  const sort = call.ctx.query.get('sort');
  if (sort !== null && sort !== '' && !isKnownField(kind, call.version, sort)) throw new HttpFailure(400, 'invalid_sort_field', `sort: unknown field "${sort}"`);
  const orderBy = call.ctx.query.get('orderBy') ?? 'asc';
  if (orderBy !== 'asc' && orderBy !== 'desc') throw new HttpFailure(400, 'invaliddata', 'orderBy must be asc or desc');
  const fields = fieldList(call, kind);

  let page: Json[];
  let total: number;
  if (!filter && !sort) {
    total = records.length;
    page = records.slice(offset, offset + limit).map((record) => serialize(call.ser, record));
  } else {
    let all = records.map((record) => serialize(call.ser, record));
    if (filter) all = all.filter((record) => matchesFilter(record, filter));
    if (sort) sortRecords(all, sort, orderBy === 'desc');
    total = all.length;
    page = all.slice(offset, offset + limit);
  }
  if (fields) page = page.map((record) => selectFields(record, fields));
  const headers: Record<string, string | number> = { 'x-total-count': total };
  const link = linkHeader(call, offset, limit, total);
  if (link) headers.link = link;
  sendJson(call.ctx, 200, { [plural]: page }, headers);
}

export function sendOne<T>(call: ApiCall, kind: Kind, singular: string, record: T | undefined, serialize: Serializer<T>, what: string): void {
  if (record === undefined) throw notFound(`${what} "${call.params[call.params.length - 1] ?? ''}"`);
  const fields = fieldList(call, kind);
  const json = serialize(call.ser, record);
  sendJson(call.ctx, 200, { [singular]: fields ? selectFields(json, fields) : json });
}

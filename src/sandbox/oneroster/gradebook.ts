/**
 * Gradebook endpoints: categories, line items and results. PUT is a client-keyed upsert (201 when
 * created, 200 when replaced); DELETE answers 204 and removes the record (a line item takes its
 * results with it) from every listing.
 */
import { resolveIds } from '../data/store.js';
import type { LineItemRecord, ResultRecord } from '../data/types.js';
import { readJsonObject } from '../http/body.js';
import { notFound, sendEmpty, sendJson } from '../http/respond.js';
import type { ApiCall } from './call.js';
import { sendList, sendOne } from './listing.js';
import { GRADEBOOK_DELETE, GRADEBOOK_PUT, GRADEBOOK_READ, type RouteDef } from './route-def.js';
import { serializeCategory, serializeLineItem, serializeResult } from './serialize.js';
import { lineItemFromBody, resultFromBody } from './validate.js';

const id = (call: ApiCall, i = 0): string => call.params[i] ?? '';

function get(pattern: string, handler: (call: ApiCall) => void): RouteDef {
  return { method: 'GET', pattern, api: 'gradebook', scopes: GRADEBOOK_READ, handler };
}

function requireClassId(call: ApiCall): string {
  if (!call.runtime.store.classes.has(id(call))) throw notFound(`class "${id(call)}"`);
  return id(call);
}

const lineItems = (call: ApiCall, records: LineItemRecord[]) => sendList(call, 'lineItem', 'lineItems', records, serializeLineItem);
const results = (call: ApiCall, records: ResultRecord[]) => sendList(call, 'result', 'results', records, serializeResult);

async function putLineItem(call: ApiCall): Promise<void> {
  const body = await readJsonObject(call.ctx.req);
  const { store, clock } = call.runtime;
  const record = lineItemFromBody(call.version, id(call), body, store, clock.now().toISOString());
  const replaced = store.putLineItem(record);
  sendJson(call.ctx, replaced ? 200 : 201, { lineItem: serializeLineItem(call.ser, record) });
}

async function putResult(call: ApiCall): Promise<void> {
  const body = await readJsonObject(call.ctx.req);
  const { store, clock } = call.runtime;
  const record = resultFromBody(call.version, id(call), body, store, clock.now().toISOString());
  const replaced = store.putResult(record);
  sendJson(call.ctx, replaced ? 200 : 201, { result: serializeResult(call.ser, record) });
}

export const GRADEBOOK_ROUTES: RouteDef[] = [
  get('categories', (c) => sendList(c, 'category', 'categories', [...c.runtime.store.categories.values()], serializeCategory)),
  get('categories/:', (c) => sendOne(c, 'category', 'category', c.runtime.store.categories.get(id(c)), serializeCategory, 'category')),
  get('classes/:/categories', (c) => sendList(c, 'category', 'categories', resolveIds(c.runtime.store.categoriesByClass.get(requireClassId(c)), c.runtime.store.categories), serializeCategory)),
  get('lineItems', (c) => lineItems(c, [...c.runtime.store.lineItems.values()])),
  get('lineItems/:', (c) => sendOne(c, 'lineItem', 'lineItem', c.runtime.store.lineItems.get(id(c)), serializeLineItem, 'line item')),
  get('classes/:/lineItems', (c) => lineItems(c, resolveIds(c.runtime.store.lineItemsByClass.get(requireClassId(c)), c.runtime.store.lineItems))),
  get('lineItems/:/results', (c) => {
    if (!c.runtime.store.lineItems.has(id(c))) throw notFound(`line item "${id(c)}"`);
    results(c, resolveIds(c.runtime.store.resultsByLineItem.get(id(c)), c.runtime.store.results));
  }),
  get('classes/:/lineItems/:/results', (c) => {
    const classId = requireClassId(c);
    const lineItem = c.runtime.store.lineItems.get(id(c, 1));
    if (lineItem === undefined || lineItem.classId !== classId) throw notFound(`line item "${id(c, 1)}" of class "${classId}"`);
    results(c, resolveIds(c.runtime.store.resultsByLineItem.get(id(c, 1)), c.runtime.store.results));
  }),
  get('results', (c) => results(c, [...c.runtime.store.results.values()])),
  get('results/:', (c) => sendOne(c, 'result', 'result', c.runtime.store.results.get(id(c)), serializeResult, 'result')),
  get('classes/:/results', (c) => results(c, resolveIds(c.runtime.store.resultsByClass.get(requireClassId(c)), c.runtime.store.results))),
  get('classes/:/students/:/results', (c) => {
    const classId = requireClassId(c);
    if (!c.runtime.store.userWithRole(id(c, 1), 'student')) throw notFound(`student "${id(c, 1)}"`);
    results(c, resolveIds(c.runtime.store.resultsByClass.get(classId), c.runtime.store.results).filter((r) => r.studentId === id(c, 1)));
  }),
  { method: 'PUT', pattern: 'lineItems/:', api: 'gradebook', scopes: GRADEBOOK_PUT, handler: putLineItem },
  { method: 'PUT', pattern: 'results/:', api: 'gradebook', scopes: GRADEBOOK_PUT, handler: putResult },
  {
    method: 'DELETE', pattern: 'lineItems/:', api: 'gradebook', scopes: GRADEBOOK_DELETE,
    handler: (c) => {
      if (!c.runtime.store.deleteLineItem(id(c))) throw notFound(`line item "${id(c)}"`);
      sendEmpty(c.ctx, 204);
    },
  },
  {
    method: 'DELETE', pattern: 'results/:', api: 'gradebook', scopes: GRADEBOOK_DELETE,
    handler: (c) => {
      if (!c.runtime.store.deleteResult(id(c))) throw notFound(`result "${id(c)}"`);
      sendEmpty(c.ctx, 204);
    },
  },
];

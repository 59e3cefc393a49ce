/**
 * Gradebook operations: categories, lineItems and results. Writes are client-keyed upserts
 * (PUT /lineItems/{id}, PUT /results/{id}); the HTTP core retries them because PUT and DELETE are
 * idempotent. In 1.1 everything lives under the one root; in 1.2 under the gradebook root.
 */
import { HttpError } from '../http/errors.js';
import { parseImsx } from '../http/imsx.js';
import { checkId, fetchOne, gradebookUrl, list, type OneRosterContext } from './context.js';
import type { ListOptions } from './paging.js';
import type { OperationKind } from './scopes.js';
import type { Category, DeleteOutcome, LineItem, LineItemInput, PutOutcome, Result, ResultInput } from './types.js';

export interface DeleteOptions {
  /** Treat 404 as already deleted (returns 'gone') instead of failing. */
  missingOk?: boolean;
}

export interface GradebookOperations {
  /** 1.2: GET /classes/{id}/categories; 1.1 has no class-scoped categories, so GET /categories. */
  categoriesForClass(classId: string, options?: ListOptions): AsyncGenerator<Category, void, undefined>;
  categories(options?: ListOptions): AsyncGenerator<Category, void, undefined>;
  putLineItem(sourcedId: string, lineItem: LineItemInput | JsonBody<LineItemInput>): Promise<PutOutcome>;
  getLineItem(sourcedId: string): Promise<LineItem | undefined>;
  lineItemsForClass(classId: string, options?: ListOptions): AsyncGenerator<LineItem, void, undefined>;
  deleteLineItem(sourcedId: string, options?: DeleteOptions): Promise<DeleteOutcome>;
  putResult(sourcedId: string, result: ResultInput | JsonBody<ResultInput>): Promise<PutOutcome>;
  getResult(sourcedId: string): Promise<Result | undefined>;
  resultsForLineItem(classId: string, lineItemId: string, options?: ListOptions): AsyncGenerator<Result, void, undefined>;
  resultsForClass(classId: string, options?: ListOptions): AsyncGenerator<Result, void, undefined>;
  deleteResult(sourcedId: string, options?: DeleteOptions): Promise<DeleteOutcome>;
}

/**
 * A PUT body the caller already serialised as a JSON object, without its sourcedId: an export
 * hashes the same text it sends, so each result is serialised once.
 */
export class JsonBody<T> {
  declare private readonly body: T;
  constructor(readonly text: string) {}
}

const JSON_CONTENT: Readonly<Record<string, string>> = { 'content-type': 'application/json' };

/**
 * `{"<wrapper>":{...body,"sourcedId":"<id>"}}` as text, the path's sourcedId winning over one in
 * the body. A JsonBody (which carries no sourcedId) is spliced as it is: no second serialisation
 * and no copy of the record, which matters at a PUT per exported result.
 */
export function wrappedJson(wrapper: 'lineItem' | 'result', sourcedId: string, body: object): string {
  if (!(body instanceof JsonBody)) return JSON.stringify({ [wrapper]: { ...body, sourcedId } });
  const id = JSON.stringify(sourcedId);
  return body.text === '{}' ? `{"${wrapper}":{"sourcedId":${id}}}` : `{"${wrapper}":${body.text.slice(0, -1)},"sourcedId":${id}}}`;
}

export function createGradebookOperations(ctx: OneRosterContext): GradebookOperations {
  const read = <T>(key: string, options: ListOptions | undefined, ...path: string[]) =>
    list<T>(ctx, 'gradebook-read', gradebookUrl(ctx, ...path), key, options);

  async function put(collection: 'lineItems' | 'results', wrapper: 'lineItem' | 'result', sourcedId: string, body: object): Promise<PutOutcome> {
    checkId(sourcedId);
    const response = await ctx.call('gradebook-write', {
      method: 'PUT', url: gradebookUrl(ctx, collection, sourcedId), body: wrappedJson(wrapper, sourcedId, body), headers: JSON_CONTENT,
    });
    return response.status === 201 ? 'created' : 'updated';
  }

  function getOne<T>(collection: 'lineItems' | 'results', wrapper: string, sourcedId: string): Promise<T | undefined> {
    checkId(sourcedId);
    return fetchOne<T>(ctx, 'gradebook-read', gradebookUrl(ctx, collection, sourcedId), wrapper);
  }

  async function remove(collection: 'lineItems' | 'results', sourcedId: string, options: DeleteOptions = {}): Promise<DeleteOutcome> {
    checkId(sourcedId);
    const kind: OperationKind = 'gradebook-delete';
    const response = await ctx.call(kind, { method: 'DELETE', url: gradebookUrl(ctx, collection, sourcedId), acceptStatus: [404] });
    if (response.status !== 404) return 'deleted';
    if (options.missingOk === true) return 'gone';
    throw new HttpError({ method: 'DELETE', url: response.url, status: 404, imsx: parseImsx(response.text) });
  }

  return {
    categoriesForClass: (classId, options) => ctx.endpoints.version === '1.1'
      ? read<Category>('categories', options, 'categories')
      : read<Category>('categories', options, 'classes', classId, 'categories'),
    categories: (options) => read<Category>('categories', options, 'categories'),
    putLineItem: (sourcedId, lineItem) => put('lineItems', 'lineItem', sourcedId, lineItem),
    getLineItem: (sourcedId) => getOne<LineItem>('lineItems', 'lineItem', sourcedId),
    lineItemsForClass: (classId, options) => read<LineItem>('lineItems', options, 'classes', classId, 'lineItems'),
    deleteLineItem: (sourcedId, options) => remove('lineItems', sourcedId, options),
    putResult: (sourcedId, result) => put('results', 'result', sourcedId, result),
    getResult: (sourcedId) => getOne<Result>('results', 'result', sourcedId),
    resultsForLineItem: (classId, lineItemId, options) => read<Result>('results', options, 'classes', classId, 'lineItems', lineItemId, 'results'),
    resultsForClass: (classId, options) => read<Result>('results', options, 'classes', classId, 'results'),
    deleteResult: (sourcedId, options) => remove('results', sourcedId, options),
  };
}

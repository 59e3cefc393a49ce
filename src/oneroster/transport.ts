/**
 * One authenticated OneRoster call: signs it for its kind of operation, adds the vendor
 * authorization header on gradebook calls, and on a 401 refreshes the token once before failing
 * with AUTH_FAILED. Retries for 429/5xx/resets happen below, in the HTTP core.
 */
import { HttpError } from '../http/errors.js';
import { parseImsx } from '../http/imsx.js';
import type { HttpClient, HttpRequestOptions, HttpResponse } from '../http/types.js';
import type { Authorizer } from './auth.js';
import type { OperationKind } from './scopes.js';

export type OneRosterCall = (kind: OperationKind, request: Omit<HttpRequestOptions, 'sign'>) => Promise<HttpResponse>;

export interface TransportOptions {
  http: HttpClient;
  authorizer: Authorizer;
  /** Infinite Campus: `key:secret`, sent as x-vendor-authorization on gradebook calls only. */
  vendorAuthorization?: string;
}

const ONLY_401: readonly number[] = [401];

/**
 * The request with its headers, accepted statuses and signer. Every field is named (the mapped
 * type makes a new one a compile error here): one literal of a fixed shape is cheaper than a
 * spread at a request per exported result.
 */
function withAuth(request: Omit<HttpRequestOptions, 'sign'>, headers: HttpRequestOptions['headers'], acceptStatus: readonly number[], sign: HttpRequestOptions['sign']): HttpRequestOptions {
  const outgoing: { [K in keyof Required<HttpRequestOptions>]: HttpRequestOptions[K] } = {
    method: request.method, url: request.url, query: request.query, headers, sign, json: request.json, body: request.body,
    idempotent: request.idempotent, acceptStatus, timeoutMs: request.timeoutMs, signal: request.signal,
  };
  return outgoing;
}

export function createTransport(options: TransportOptions): OneRosterCall {
  return async function call(kind, request) {
    const headers = options.vendorAuthorization !== undefined && kind !== 'roster-read'
      ? { ...request.headers, 'x-vendor-authorization': options.vendorAuthorization }
      : request.headers;
    const callerAccepts401 = request.acceptStatus?.includes(401) === true;
    const acceptStatus = request.acceptStatus === undefined ? ONLY_401 : [...request.acceptStatus, 401];
    for (let round = 1; ; round++) {
      let token: string | undefined;
      const sign = options.authorizer.signer(kind, (used) => (token = used));
      const response = await options.http.request(withAuth(request, headers, acceptStatus, sign));
      if (response.status !== 401 || callerAccepts401) return response;
      if (round === 1 && options.authorizer.refresh(kind, token)) continue;
      throw new HttpError({ code: 'AUTH_FAILED', method: request.method, url: response.url, status: 401, imsx: parseImsx(response.text), attempts: round });
    }
  };
}

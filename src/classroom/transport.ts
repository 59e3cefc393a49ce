/**
 * One Classroom API call: waits for the rate limiter (every attempt counts against the quota,
 * retries included), adds the bearer token, refreshes the token once on a 401 and turns error
 * answers into ClassroomError. Retries on 429 RESOURCE_EXHAUSTED and 5xx happen in the HTTP core.
 */
import { isHttpError } from '../http/errors.js';
import type { HttpClient, HttpMethod, HttpResponse } from '../http/types.js';
import type { ServiceAccountTokens } from './auth.js';
import { ClassroomError, classroomErrorFrom, statusForHttp } from './errors.js';
import type { RateLimiter } from './rate-limit.js';

export interface ClassroomRequest {
  method: HttpMethod;
  /** Path under the API root, e.g. `/v1/courses`, query string included. */
  path: string;
  json?: unknown;
  /** Safe to repeat (POSTs whose repeat answers ALREADY_EXISTS). */
  idempotent?: boolean;
  /** API statuses to return as `undefined` instead of throwing (e.g. NOT_FOUND for lookups). */
  allow?: readonly number[];
  signal?: AbortSignal;
}

export type ClassroomCall = <T>(request: ClassroomRequest) => Promise<T | undefined>;

// Every answer the core should hand back rather than retry or throw without its body.
const HANDLED_STATUSES: readonly number[] = [400, 401, 403, 404, 405, 409, 412, 413, 422];

export interface TransportOptions {
  http: HttpClient;
  tokens: ServiceAccountTokens;
  limiter: RateLimiter;
  subject: string;
  onCall?: (method: HttpMethod) => void;
}

function parseBody<T>(response: HttpResponse): T {
  return (response.text.length === 0 ? {} : response.json<T>()) as T;
}

export function createClassroomTransport(options: TransportOptions): ClassroomCall {
  return async function call<T>(request: ClassroomRequest): Promise<T | undefined> {
    options.onCall?.(request.method);
    for (let round = 1; ; round++) {
      let used: string | undefined;
      const sign = async (): Promise<Record<string, string>> => {
        await options.limiter.acquire(options.subject);
        used = await options.tokens.get();
        return { authorization: `Bearer ${used}` };
      };
      let response: HttpResponse;
      try {
        response = await options.http.request({
          method: request.method, url: request.path, json: request.json, idempotent: request.idempotent,
          acceptStatus: HANDLED_STATUSES, sign, signal: request.signal,
        });
      } catch (error) {
        // Retries exhausted (429, 5xx): keep the typed shape so callers can match RESOURCE_EXHAUSTED.
        if (isHttpError(error) && error.status !== undefined && !(error instanceof ClassroomError) && error.code === 'HTTP_ERROR') {
          throw new ClassroomError({
            method: error.method, url: error.url, status: error.status, apiStatus: statusForHttp(error.status),
            attempts: error.attempts, cause: error,
          });
        }
        throw error;
      }
      if (response.status >= 200 && response.status < 300) return parseBody<T>(response);
      if (response.status === 401 && round === 1) {
        options.tokens.invalidate(used);
        continue;
      }
      if (request.allow?.includes(response.status)) return undefined;
      throw classroomErrorFrom(request.method, response.url, response.status, response.text, round);
    }
  };
}

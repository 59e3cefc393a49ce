/** The shared HTTP core's public surface (OneRoster and Classroom clients build on it). */
export { createHttpClient, DEFAULT_CONNECTIONS } from './client.js';
export { HttpError, isHttpError, type HttpErrorCode, type HttpErrorInit } from './errors.js';
export { parseImsx, type ImsxStatus } from './imsx.js';
export { mapConcurrent, type MapConcurrentOptions } from './pool.js';
export { DEFAULT_RETRY, DEFAULT_RETRY_STATUSES, backoffDelay, parseRetryAfter, type RetryPolicy } from './retry.js';
export { scrubUrl } from './scrub-url.js';
export type { HttpClient, HttpClientOptions, HttpMethod, HttpRequestOptions, HttpResponse, HttpStats } from './types.js';

/**
 * Remote errors. Each carries the HTTP status, method, a printable URL (credentials removed) and
 * the server's IMS status codes when the body had them. Messages never hold secret values.
 */
import { SislinkError, type ErrorCode } from '../errors.js';
import { redact } from '../secrets/redact.js';
import type { ImsxStatus } from './imsx.js';
import { scrubUrl } from './scrub-url.js';

export type HttpErrorCode = Extract<ErrorCode, 'HTTP_ERROR' | 'HTTP_TIMEOUT' | 'AUTH_FAILED'>;

export interface HttpErrorInit {
  code?: HttpErrorCode;
  method: string;
  url: string;
  /** Undefined when no response arrived (timeout, connection reset). */
  status?: number;
  imsx?: ImsxStatus;
  /** Number of attempts made, retries included. */
  attempts?: number;
  /** What went wrong, e.g. "connection reset"; printable. */
  reason?: string;
  cause?: unknown;
}

function describe(init: HttpErrorInit, url: string): string {
  const head = `${init.method} ${url}`;
  const reason = init.reason === undefined ? '' : ` (${init.reason})`;
  const what = init.status !== undefined ? `HTTP ${init.status}${reason}` : (init.reason ?? 'request failed');
  const imsx = init.imsx;
  const codes = imsx === undefined ? '' : ` (${[imsx.codeMajor, imsx.codeMinor].filter(Boolean).join('/')})`;
  const description = imsx?.description === undefined ? '' : `: ${imsx.description}`;
  const tries = init.attempts !== undefined && init.attempts > 1 ? ` after ${init.attempts} attempts` : '';
  return redact(`${head} failed with ${what}${codes}${description}${tries}`);
}

export class HttpError extends SislinkError {
  readonly status: number | undefined;
  readonly method: string;
  /** The request URL with userinfo, secret query parameters and registered secrets removed. */
  readonly url: string;
  readonly imsx: ImsxStatus | undefined;
  readonly attempts: number;

  constructor(init: HttpErrorInit) {
    const url = scrubUrl(init.url);
    const details: Record<string, unknown> = { method: init.method, url };
    if (init.status !== undefined) details.status = init.status;
    if (init.imsx !== undefined) details.imsx = init.imsx;
    super(init.code ?? 'HTTP_ERROR', describe(init, url), { cause: init.cause, details });
    this.name = 'HttpError';
    this.status = init.status;
    this.method = init.method;
    this.url = url;
    this.imsx = init.imsx;
    this.attempts = init.attempts ?? 1;
  }
}

export function isHttpError(error: unknown, status?: number): error is HttpError {
  return error instanceof HttpError && (status === undefined || error.status === status);
}

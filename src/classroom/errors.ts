/**
 * Classroom API errors. Google answers `{ error: { code, message, status } }`; the canonical status
 * string (NOT_FOUND, ALREADY_EXISTS, RESOURCE_EXHAUSTED, PERMISSION_DENIED, ...) is kept as
 * `apiStatus` so callers match on it, never on the message.
 */
import { HttpError, type HttpErrorCode } from '../http/errors.js';
import { redact } from '../secrets/redact.js';

export type ClassroomApiStatus =
  | 'INVALID_ARGUMENT' | 'FAILED_PRECONDITION' | 'OUT_OF_RANGE' | 'UNAUTHENTICATED' | 'PERMISSION_DENIED'
  | 'NOT_FOUND' | 'ABORTED' | 'ALREADY_EXISTS' | 'RESOURCE_EXHAUSTED' | 'CANCELLED' | 'DATA_LOSS' | 'UNKNOWN'
  | 'INTERNAL' | 'NOT_IMPLEMENTED' | 'UNAVAILABLE' | 'DEADLINE_EXCEEDED';

const MAX_MESSAGE = 300;

/** The canonical status Google pairs with each HTTP status (used when the body has none). */
export function statusForHttp(status: number): ClassroomApiStatus {
  switch (status) {
    case 400: return 'INVALID_ARGUMENT';
    case 401: return 'UNAUTHENTICATED';
    case 403: return 'PERMISSION_DENIED';
    case 404: return 'NOT_FOUND';
    case 409: return 'ALREADY_EXISTS';
    case 429: return 'RESOURCE_EXHAUSTED';
    case 499: return 'CANCELLED';
    case 501: return 'NOT_IMPLEMENTED';
    case 503: return 'UNAVAILABLE';
    case 504: return 'DEADLINE_EXCEEDED';
    default: return status >= 500 ? 'INTERNAL' : 'UNKNOWN';
  }
}

export interface GoogleErrorBody {
  status?: string;
  message?: string;
}

/** Reads `{ error: { status, message } }`; undefined when the body is not that shape. */
export function parseGoogleError(text: string): GoogleErrorBody | undefined {
  if (text.length === 0) return undefined;
  try {
    const body = JSON.parse(text) as { error?: unknown };
    const error = body.error;
    if (typeof error !== 'object' || error === null) return undefined;
    const { status, message } = error as { status?: unknown; message?: unknown };
    return {
      status: typeof status === 'string' ? status : undefined,
      message: typeof message === 'string' ? redact(message).slice(0, MAX_MESSAGE) : undefined,
    };
  } catch {
    return undefined;
  }
}

export interface ClassroomErrorInit {
  code?: HttpErrorCode;
  method: string;
  url: string;
  status: number;
  apiStatus: string;
  apiMessage?: string;
  attempts?: number;
  cause?: unknown;
}

export class ClassroomError extends HttpError {
  /** Google's canonical status, e.g. ALREADY_EXISTS. */
  readonly apiStatus: string;
  /** Google's message (redacted, shortened); printable. */
  readonly apiMessage: string | undefined;

  constructor(init: ClassroomErrorInit) {
    const reason = init.apiMessage === undefined ? init.apiStatus : `${init.apiStatus}: ${init.apiMessage}`;
    super({ code: init.code, method: init.method, url: init.url, status: init.status, reason, attempts: init.attempts, cause: init.cause });
    this.name = 'ClassroomError';
    this.apiStatus = init.apiStatus;
    this.apiMessage = init.apiMessage;
    (this.details as Record<string, unknown>).apiStatus = init.apiStatus;
  }
}

export function isClassroomError(error: unknown, apiStatus?: ClassroomApiStatus): error is ClassroomError {
  return error instanceof ClassroomError && (apiStatus === undefined || error.apiStatus === apiStatus);
}

/** Builds the typed error from a non-2xx response body. */
export function classroomErrorFrom(method: string, url: string, status: number, text: string, attempts?: number): ClassroomError {
  const body = parseGoogleError(text);
  return new ClassroomError({
    code: status === 401 ? 'AUTH_FAILED' : 'HTTP_ERROR',
    method, url, status, attempts,
    apiStatus: body?.status ?? statusForHttp(status),
    apiMessage: body?.message,
  });
}

/**
 * Typed errors with stable codes. Callers match on `code`, never on the message.
 * Every message must be safe to print: no secret values (see src/secrets/redact.ts).
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_NOT_FOUND'
  | 'SECRET_UNRESOLVED'
  | 'SECRET_REFERENCE_INVALID'
  | 'HTTP_ERROR'
  | 'HTTP_TIMEOUT'
  | 'AUTH_FAILED'
  | 'PLAN_STALE'
  | 'PLAN_INVALID'
  | 'LOCK_HELD'
  | 'STATE_ERROR'
  | 'APPLY_REFUSED'
  | 'USAGE'
  | 'NOT_FOUND'
  | 'INTERNAL';

export class SislinkError extends Error {
  readonly code: ErrorCode;
  /** Extra, printable detail for JSON output. Never holds secret values. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SislinkError';
    this.code = code;
    this.details = options?.details;
  }
}

export function isSislinkError(error: unknown, code?: ErrorCode): error is SislinkError {
  return error instanceof SislinkError && (code === undefined || error.code === code);
}

/**
 * Exit codes, decided here and nowhere else.
 *   0  success, no changes
 *   1  error (invalid config, failed apply, stale plan, ...)
 *   2  changes present (plan --detailed-exitcode)
 *   3  credential coverage below the warning horizon (credentials status)
 */
import { SislinkError } from '../src/errors.js';
import { redact } from '../src/secrets/redact.js';

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_CHANGES = 2;
export const EXIT_COVERAGE_LOW = 3;

/** Across districts: any error wins, then any "changes", then success. */
export function combineExitCodes(codes: Iterable<number>): number {
  let combined = EXIT_OK;
  for (const code of codes) {
    if (code === EXIT_ERROR) return EXIT_ERROR;
    if (code > combined) combined = code;
  }
  return combined;
}

export function formatError(error: unknown): string {
  if (error instanceof SislinkError) return redact(`sislink: error: ${error.message}`);
  if (error instanceof Error) return redact(`sislink: internal error: ${error.message}`);
  return redact(`sislink: internal error: ${String(error)}`);
}

/**
 * Runs a subcommand body and turns its result or failure into the process exit code.
 * Failures print one line (no stack trace) unless SISLINK_DEBUG is set.
 */
export async function runCommand(body: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (error) {
    process.stderr.write(`${formatError(error)}\n`);
    if (process.env.SISLINK_DEBUG && error instanceof Error && error.stack) {
      process.stderr.write(`${redact(error.stack)}\n`);
    }
    process.exitCode = EXIT_ERROR;
  }
}

/** The emulator's request log (method, path, sanitised query, status), bounded, for tests and the admin API. */
import type { RequestLogEntry } from './types.js';

const SENSITIVE_PARAM = /secret|token|signature|password|assertion|key|auth|code/i;
const MAX_ENTRIES = 200_000;

function sanitizeQuery(search: string): string {
  if (search === '') return '';
  const out = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(search)) out.append(name, SENSITIVE_PARAM.test(name) ? '[REDACTED]' : value);
  return out.toString();
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  record(method: string, path: string, search: string, status: number, at: string): void {
    this.entries.push({ method, path, query: sanitizeQuery(search), status, at });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, MAX_ENTRIES / 2);
  }

  list(): RequestLogEntry[] {
    return this.entries.slice();
  }

  clear(): void {
    this.entries = [];
  }
}

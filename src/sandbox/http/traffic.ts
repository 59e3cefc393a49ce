/**
 * The request log: method, path, sanitised query, status and time of every request served, kept in
 * memory (bounded) so tests can assert on traffic. Values of sensitive query parameters are never kept.
 */
export interface TrafficEntry {
  method: string;
  path: string;
  /** The query string with values of sensitive parameters replaced; '' when there was none. */
  query: string;
  /** HTTP status sent; 0 when the connection was dropped on purpose. */
  status: number;
  at: string;
  /** The client's User-Agent, so tests can check what a district consented to share. */
  userAgent: string;
}

const SENSITIVE_PARAM = /secret|token|signature|password|assertion|key|auth|code/i;
const MAX_ENTRIES = 200_000;

export function sanitizeQuery(search: string): string {
  if (search === '') return '';
  const params = new URLSearchParams(search);
  const out = new URLSearchParams();
  for (const [name, value] of params) out.append(name, SENSITIVE_PARAM.test(name) ? '[REDACTED]' : value);
  return out.toString();
}

export class TrafficLog {
  private entries: TrafficEntry[] = [];

  record(method: string, path: string, search: string, status: number, at: string, userAgent = ''): void {
    this.entries.push({ method, path, query: sanitizeQuery(search), status, at, userAgent });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, MAX_ENTRIES / 2);
  }

  list(): ReadonlyArray<TrafficEntry> {
    return this.entries.slice();
  }

  clear(): void {
    this.entries = [];
  }
}

/** What the backends' journal functions take, the same on every backend. */
export interface IntentInput {
  runId: string;
  district: string;
  actionId: string;
  planHash: string;
  data: Record<string, unknown>;
}

export interface OutcomeInput {
  status: 'done' | 'failed';
  result?: Record<string, unknown>;
  error?: string;
}

/** The `result` and `error` columns of a finished entry: JSON text, or null when absent. */
export function outcomeColumns(outcome: OutcomeInput): [result: string | null, error: string | null] {
  return [outcome.result === undefined ? null : JSON.stringify(outcome.result), outcome.error ?? null];
}

/** The apply journal and run records on PostgreSQL. */
import { SislinkError } from '../../errors.js';
import { outcomeColumns, type IntentInput, type OutcomeInput } from '../journal.js';
import type { JournalEntry, RunRecord } from '../types.js';
import type { Queryable } from './db.js';
import { rowToJournal, rowToRun, type JournalRow, type RunRow } from './rows.js';

export type { IntentInput, OutcomeInput } from '../journal.js';

export async function journalIntent(db: Queryable, entry: IntentInput, at: string): Promise<number> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO journal (run_id, district, action_id, plan_hash, status, data, started_at)
     VALUES ($1, $2, $3, $4, 'intent', $5, $6) RETURNING id`,
    [entry.runId, entry.district, entry.actionId, entry.planHash, JSON.stringify(entry.data), at],
  );
  return Number(row?.id);
}

export async function journalOutcome(db: Queryable, id: number, outcome: OutcomeInput, at: string): Promise<void> {
  const changed = await db.execute(
    'UPDATE journal SET status = $1, result = $2, error = $3, finished_at = $4 WHERE id = $5',
    [outcome.status, ...outcomeColumns(outcome), at, id],
  );
  if (changed === 0) throw new SislinkError('STATE_ERROR', `journal entry ${id} does not exist`);
}

async function entries(db: Queryable, where: string, values: unknown[]): Promise<JournalEntry[]> {
  const rows = await db.query<JournalRow>(`SELECT * FROM journal WHERE ${where} ORDER BY id`, values);
  return rows.map(rowToJournal);
}

export function unfinishedJournal(db: Queryable, district: string): Promise<JournalEntry[]> {
  return entries(db, "district = $1 AND status = 'intent'", [district]);
}

export function listJournal(db: Queryable, district: string): Promise<JournalEntry[]> {
  return entries(db, 'district = $1', [district]);
}

export async function lastJournalEntry(db: Queryable, district: string, actionId: string): Promise<JournalEntry | undefined> {
  const [row] = await db.query<JournalRow>(
    'SELECT * FROM journal WHERE district = $1 AND action_id = $2 ORDER BY id DESC LIMIT 1',
    [district, actionId],
  );
  return row === undefined ? undefined : rowToJournal(row);
}

export async function startRun(db: Queryable, run: { id: string; district: string; kind: string; startedAt: string }): Promise<void> {
  await db.execute("INSERT INTO runs (id, district, kind, started_at, outcome) VALUES ($1, $2, $3, $4, 'running')", [
    run.id, run.district, run.kind, run.startedAt,
  ]);
}

export async function finishRun(
  db: Queryable,
  id: string,
  outcome: 'succeeded' | 'failed',
  summary: Record<string, unknown>,
  finishedAt: string,
): Promise<void> {
  const changed = await db.execute('UPDATE runs SET outcome = $1, summary = $2, finished_at = $3 WHERE id = $4', [
    outcome, JSON.stringify(summary), finishedAt, id,
  ]);
  if (changed === 0) throw new SislinkError('STATE_ERROR', `run ${id} was never started`);
}

export async function listRuns(db: Queryable, district: string | undefined, limit: number): Promise<RunRecord[]> {
  const rows = district === undefined
    ? await db.query<RunRow>('SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT $1', [limit])
    : await db.query<RunRow>('SELECT * FROM runs WHERE district = $1 ORDER BY started_at DESC, id DESC LIMIT $2', [district, limit]);
  return rows.map(rowToRun);
}

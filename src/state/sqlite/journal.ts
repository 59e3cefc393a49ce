/** The apply journal and run records on SQLite. */
import { SislinkError } from '../../errors.js';
import { outcomeColumns, type IntentInput, type OutcomeInput } from '../journal.js';
import type { JournalEntry, RunRecord } from '../types.js';
import { statement, type SqliteDatabase } from './db.js';
import { rowToJournal, rowToRun, type JournalRow, type RunRow } from './rows.js';

export type { IntentInput, OutcomeInput } from '../journal.js';

export function journalIntent(db: SqliteDatabase, entry: IntentInput, at: string): number {
  const info = statement(db, 
      `INSERT INTO journal (run_id, district, action_id, plan_hash, status, data, started_at)
       VALUES (?, ?, ?, ?, 'intent', ?, ?)`,
    )
    .run(entry.runId, entry.district, entry.actionId, entry.planHash, JSON.stringify(entry.data), at);
  return Number(info.lastInsertRowid);
}

export function journalOutcome(db: SqliteDatabase, id: number, outcome: OutcomeInput, at: string): void {
  const info = statement(db, 'UPDATE journal SET status = ?, result = ?, error = ?, finished_at = ? WHERE id = ?')
    .run(outcome.status, ...outcomeColumns(outcome), at, id);
  if (info.changes === 0) throw new SislinkError('STATE_ERROR', `journal entry ${id} does not exist`);
}

function entries(db: SqliteDatabase, where: string, ...params: unknown[]): JournalEntry[] {
  const rows = statement(db, `SELECT * FROM journal WHERE ${where} ORDER BY id`).all(...params) as JournalRow[];
  return rows.map(rowToJournal);
}

export function unfinishedJournal(db: SqliteDatabase, district: string): JournalEntry[] {
  return entries(db, "district = ? AND status = 'intent'", district);
}

export function listJournal(db: SqliteDatabase, district: string): JournalEntry[] {
  return entries(db, 'district = ?', district);
}

export function lastJournalEntry(db: SqliteDatabase, district: string, actionId: string): JournalEntry | undefined {
  const row = statement(db, 'SELECT * FROM journal WHERE district = ? AND action_id = ? ORDER BY id DESC LIMIT 1')
    .get(district, actionId) as JournalRow | undefined;
  return row === undefined ? undefined : rowToJournal(row);
}

export function startRun(db: SqliteDatabase, run: { id: string; district: string; kind: string; startedAt: string }): void {
  statement(db, "INSERT INTO runs (id, district, kind, started_at, outcome) VALUES (?, ?, ?, ?, 'running')")
    .run(run.id, run.district, run.kind, run.startedAt);
}

export function finishRun(
  db: SqliteDatabase,
  id: string,
  outcome: 'succeeded' | 'failed',
  summary: Record<string, unknown>,
  finishedAt: string,
): void {
  const info = statement(db, 'UPDATE runs SET outcome = ?, summary = ?, finished_at = ? WHERE id = ?')
    .run(outcome, JSON.stringify(summary), finishedAt, id);
  if (info.changes === 0) throw new SislinkError('STATE_ERROR', `run ${id} was never started`);
}

export function listRuns(db: SqliteDatabase, district: string | undefined, limit: number): RunRecord[] {
  const rows = (district === undefined
    ? statement(db, 'SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?').all(limit)
    : statement(db, 'SELECT * FROM runs WHERE district = ? ORDER BY started_at DESC, id DESC LIMIT ?').all(district, limit)) as RunRow[];
  return rows.map(rowToRun);
}

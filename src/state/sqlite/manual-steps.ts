/** Manual steps (changes only a person can make) and their attestations, on SQLite. */
import type { ManualStep } from '../types.js';
import { statement, type SqliteDatabase } from './db.js';
import { manualStepToRow, rowToManualStep, type ManualStepRow } from './rows.js';

/**
 * Upserts a step. Re-planning the same step (same id) must not lose an attestation already
 * recorded, so the stored one is kept unless the incoming step carries its own.
 */
export function putManualStep(db: SqliteDatabase, step: ManualStep): void {
  statement(db, 
    `INSERT INTO manual_steps (district, id, title, instructions, step_values, created_at, plan_hash, attested_by, attested_at)
     VALUES (@district, @id, @title, @instructions, @step_values, @created_at, @plan_hash, @attested_by, @attested_at)
     ON CONFLICT (district, id) DO UPDATE SET
       title = excluded.title, instructions = excluded.instructions, step_values = excluded.step_values,
       plan_hash = excluded.plan_hash,
       attested_by = COALESCE(excluded.attested_by, manual_steps.attested_by),
       attested_at = COALESCE(excluded.attested_at, manual_steps.attested_at)`,
  ).run(manualStepToRow(step));
}

export function getManualStep(db: SqliteDatabase, district: string, id: string): ManualStep | undefined {
  const row = statement(db, 'SELECT * FROM manual_steps WHERE district = ? AND id = ?').get(district, id) as ManualStepRow | undefined;
  return row === undefined ? undefined : rowToManualStep(row);
}

export function listManualSteps(db: SqliteDatabase, district: string): ManualStep[] {
  const rows = statement(db, 'SELECT * FROM manual_steps WHERE district = ? ORDER BY created_at, id')
    .all(district) as ManualStepRow[];
  return rows.map(rowToManualStep);
}

/** Records who did the step. The first attestation stands; attesting again changes nothing. */
export function attestManualStep(db: SqliteDatabase, district: string, id: string, actor: string, at: string): ManualStep | undefined {
  return db.transaction(() => {
    statement(db, 'UPDATE manual_steps SET attested_by = ?, attested_at = ? WHERE district = ? AND id = ? AND attested_by IS NULL')
      .run(actor, at, district, id);
    return getManualStep(db, district, id);
  })();
}

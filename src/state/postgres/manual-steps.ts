/** Manual steps and their attestations on PostgreSQL (same rules as SQLite). */
import type { ManualStep } from '../types.js';
import type { PgDatabase, Queryable } from './db.js';
import { rowToManualStep, type ManualStepRow } from './rows.js';

/** Upserts a step, keeping a recorded attestation unless the incoming step carries its own. */
export async function putManualStep(db: Queryable, step: ManualStep): Promise<void> {
  await db.execute(
    `INSERT INTO manual_steps (district, id, title, instructions, step_values, created_at, plan_hash, attested_by, attested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (district, id) DO UPDATE SET
       title = excluded.title, instructions = excluded.instructions, step_values = excluded.step_values,
       plan_hash = excluded.plan_hash,
       attested_by = COALESCE(excluded.attested_by, manual_steps.attested_by),
       attested_at = COALESCE(excluded.attested_at, manual_steps.attested_at)`,
    [
      step.district, step.id, step.title, JSON.stringify(step.instructions), JSON.stringify(step.values),
      step.createdAt, step.planHash, step.attestedBy, step.attestedAt,
    ],
  );
}

export async function listManualSteps(db: Queryable, district: string): Promise<ManualStep[]> {
  const rows = await db.query<ManualStepRow>('SELECT * FROM manual_steps WHERE district = $1 ORDER BY created_at, id', [district]);
  return rows.map(rowToManualStep);
}

/** Records who did the step. The first attestation stands; attesting again changes nothing. */
export async function attestManualStep(
  db: PgDatabase, district: string, id: string, actor: string, at: string,
): Promise<ManualStep | undefined> {
  return db.transaction(async (tx) => {
    await tx.execute(
      'UPDATE manual_steps SET attested_by = $3, attested_at = $4 WHERE district = $1 AND id = $2 AND attested_by IS NULL',
      [district, id, actor, at],
    );
    // A separate statement: it sees an attestation a concurrent caller committed first.
    const [row] = await tx.query<ManualStepRow>('SELECT * FROM manual_steps WHERE district = $1 AND id = $2', [district, id]);
    return row === undefined ? undefined : rowToManualStep(row);
  });
}

/**
 * Config problems as the workers see them, in the fleet database so that `fleet status` on any
 * host shows them: per worker, each district file it cannot load as it is now, with the districts
 * of its last good version (still running) or the names it declares (not scheduled).
 */
import type { FleetDb } from './dispatch.js';
import type { ConfigProblem } from './district-set.js';
import { silentWorker } from './schema.js';

export interface ConfigNoteRow {
  worker: string;
  file: string;
  /** '' when the file's district names are unknown. */
  district: string;
  /** True when the district's last good version is still scheduled and run. */
  running: boolean;
  problem: string;
}

function rowsOf(problems: readonly ConfigProblem[]): Omit<ConfigNoteRow, 'worker'>[] {
  return problems.flatMap((problem) => {
    const running = problem.running.map((district) => ({ file: problem.file, district, running: true, problem: problem.problem }));
    const declared = problem.declared.map((district) => ({ file: problem.file, district, running: false, problem: problem.problem }));
    const rows = [...running, ...declared];
    return rows.length > 0 ? rows : [{ file: problem.file, district: '', running: false, problem: problem.problem }];
  });
}

/** Replaces the worker's notes with its current problems. */
export async function syncConfigNotes(fleet: FleetDb, worker: string, problems: readonly ConfigProblem[]): Promise<void> {
  const rows = rowsOf(problems);
  await fleet.db.transaction(async (tx) => {
    await tx.query(`DELETE FROM ${fleet.schema}.config_notes WHERE worker = $1`, [worker]);
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO ${fleet.schema}.config_notes (worker, file, district, running, problem)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::boolean[], $5::text[]) ON CONFLICT DO NOTHING`,
      [worker, rows.map((r) => r.file), rows.map((r) => r.district), rows.map((r) => r.running), rows.map((r) => r.problem)],
    );
  });
}

export async function clearConfigNotes(fleet: FleetDb, worker: string): Promise<void> {
  await fleet.db.execute(`DELETE FROM ${fleet.schema}.config_notes WHERE worker = $1`, [worker]);
}

/** Notes of workers neither stopped nor silent; none when the table does not exist yet (an older fleet). */
export async function readConfigNotes(fleet: FleetDb): Promise<ConfigNoteRow[]> {
  const [table] = await fleet.db.query<{ name: string | null }>('SELECT to_regclass($1)::text AS name', [`${fleet.schema}.config_notes`]);
  if (table?.name === null || table?.name === undefined) return [];
  return fleet.db.query<ConfigNoteRow>(
    `SELECT n.worker, n.file, n.district, n.running, n.problem FROM ${fleet.schema}.config_notes n
     JOIN ${fleet.schema}.workers w ON w.id = n.worker
     WHERE w.stopped_at IS NULL AND NOT ${silentWorker('w')} ORDER BY n.district, n.file, n.worker`,
  );
}

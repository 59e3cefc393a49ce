/**
 * The districts the state store holds a link for, read without opening (or migrating) the store:
 * `fleet status` lists those that have no district file any more. Read only; the store's tables
 * live in the connection's default schema, as the PostgreSQL store creates them.
 */
import type { PgDatabase } from '../state/postgres/db.js';

export async function readLinkedDistricts(db: PgDatabase): Promise<string[]> {
  const [table] = await db.query<{ name: string | null }>(`SELECT to_regclass('links')::text AS name`);
  if (table?.name === null || table?.name === undefined) return [];
  const rows = await db.query<{ district: string }>('SELECT district FROM links ORDER BY district');
  return rows.map((row) => row.district);
}

import { afterAll, describe, expect, it } from 'vitest';
import { PgDatabase } from '../../src/state/postgres/db.js';
import { freshPostgresUrl, sql } from '../helpers/postgres-url.js';

const databases: PgDatabase[] = [];
afterAll(async () => {
  for (const db of databases) await db.close();
});

describe('PostgreSQL transactions', () => {
  it('retry the victim of a deadlock, so both transactions commit', async () => {
    const url = await freshPostgresUrl();
    await sql(url, 'CREATE TABLE pair (id int PRIMARY KEY, n int NOT NULL)');
    await sql(url, 'INSERT INTO pair VALUES (1, 0), (2, 0)');
    const db = new PgDatabase(url, { safeUrl: 'test', poolSize: 4 });
    databases.push(db);
    let attempts = 0;
    let bothLockedFirstRow: () => void = () => undefined;
    let firstRowsLocked = 0;
    const firstRowsReady = new Promise<void>((resolve) => (bothLockedFirstRow = resolve));
    // Each transaction locks one row, waits for the other to do the same, then wants the other row.
    const crossing = (first: number, second: number) =>
      db.transaction(async (tx) => {
        attempts += 1;
        await tx.execute('UPDATE pair SET n = n + 1 WHERE id = $1', [first]);
        firstRowsLocked += 1;
        if (firstRowsLocked === 2) bothLockedFirstRow();
        await Promise.race([firstRowsReady, new Promise((resolve) => setTimeout(resolve, 2000))]);
        await tx.execute('UPDATE pair SET n = n + 1 WHERE id = $1', [second]);
      });
    await Promise.all([crossing(1, 2), crossing(2, 1)]);
    expect(attempts).toBe(3);
    const rows = await sql<{ id: number; n: number }>(url, 'SELECT id, n FROM pair ORDER BY id');
    expect(rows).toEqual([{ id: 1, n: 2 }, { id: 2, n: 2 }]);
  });
});

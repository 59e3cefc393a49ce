/**
 * Serialised sections across every process sharing the database: a transaction holding an
 * advisory lock named by `name`. Appends that must stay linear (a hash chain: read the last
 * entry, write the next) run inside one so two workers cannot both extend the same head.
 */
import type { PgDatabase, Queryable } from './db.js';

/** First half of the advisory key for serialised sections ("sisS"), apart from migrations' key. */
const SERIAL_CLASS = 0x73697353;

/** Takes the serialising lock `name` for the rest of the transaction `tx`. */
export async function lockSerial(tx: Queryable, name: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema() || \'/\' || $2))', [SERIAL_CLASS, name]);
}

export function serialised<T>(db: PgDatabase, name: string, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await lockSerial(tx, name);
    return work(tx);
  });
}

/**
 * The audit chain on PostgreSQL: one row per line (`audit_log`), and the head (newest seq and the
 * hash of its line) in `meta`, written in the same transaction, so rows cut off the end show.
 * Appends hold the serialising advisory lock "audit" so the chain stays linear across processes.
 */
import type { AuditChain, StoredLine } from '../../audit/chain.js';
import { EMPTY_HASH, sha256 } from '../../audit/serialize.js';
import type { ChainTip } from '../../audit/tail.js';
import { SislinkError } from '../../errors.js';
import type { PgDatabase, Queryable } from './db.js';
import { serialised } from './serial.js';

const HEAD_KEY = 'audit_head';
/** The serialising lock every append takes. */
export const AUDIT_LOCK_NAME = 'audit';
/** Rows per page when reading; each page is its own short query. */
const PAGE_SIZE = 1000;

interface LineRow {
  seq: string;
  line: string;
}

async function readTip(tx: Queryable): Promise<ChainTip> {
  const [row] = await tx.query<LineRow>('SELECT seq, line FROM audit_log ORDER BY seq DESC LIMIT 1');
  return row === undefined ? { seq: 0, hash: EMPTY_HASH } : { seq: Number(row.seq), hash: sha256(row.line) };
}

/** Records `stored` as the chain's newest line, in the transaction that inserts it. */
export async function setAuditHead(tx: Queryable, stored: StoredLine): Promise<void> {
  const head = JSON.stringify({ seq: stored.seq, line: sha256(stored.line) });
  await tx.execute('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [HEAD_KEY, head]);
}

async function appendLine(tx: Queryable, next: (tip: ChainTip) => StoredLine): Promise<void> {
  const stored = next(await readTip(tx));
  await tx.execute('INSERT INTO audit_log (seq, line) VALUES ($1, $2)', [stored.seq, stored.line]);
  await setAuditHead(tx, stored);
}

async function* pages(db: Queryable): AsyncGenerator<StoredLine> {
  let after = 0;
  for (;;) {
    const rows = await db.query<LineRow>('SELECT seq, line FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [after, PAGE_SIZE]);
    for (const row of rows) yield { seq: Number(row.seq), line: row.line };
    const last = rows[rows.length - 1];
    if (rows.length < PAGE_SIZE || last === undefined) return;
    after = Number(last.seq);
  }
}

async function readHead(db: Queryable, location: string): Promise<ChainTip | undefined> {
  const [row] = await db.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [HEAD_KEY]);
  if (row === undefined) return undefined;
  try {
    const parsed = JSON.parse(row.value) as { seq?: unknown; line?: unknown };
    if (typeof parsed.seq === 'number' && typeof parsed.line === 'string') return { seq: parsed.seq, hash: parsed.line };
  } catch {
    // fall through
  }
  throw new SislinkError('STATE_ERROR', `audit head in ${location} (meta "${HEAD_KEY}") is not readable; it should hold {"seq":N,"line":"sha256"}`);
}

export function postgresAuditChain(db: PgDatabase, location: string): AuditChain {
  return {
    location,
    append: (next) => serialised(db, AUDIT_LOCK_NAME, (tx) => appendLine(tx, next)),
    lines: () => pages(db),
    head: () => readHead(db, location),
  };
}

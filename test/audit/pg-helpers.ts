/** Audit chains in throwaway PostgreSQL schemas, and the stores that hold them. */
import type { AuditLog } from '../../src/audit/log.js';
import { openAuditLogForState } from '../../src/audit/for-state.js';
import { openStateStore } from '../../src/state/open.js';
import type { PostgresStateStore } from '../../src/state/postgres/store.js';
import type { StateStore } from '../../src/state/types.js';
import { freshPostgresUrl, sql } from '../helpers/postgres-url.js';

const opened: StateStore[] = [];

export async function openPgStore(url: string): Promise<PostgresStateStore> {
  const store = await openStateStore(url);
  opened.push(store);
  return store as PostgresStateStore;
}

export async function closePgStores(): Promise<void> {
  for (const store of opened.splice(0)) await store.close();
}

export function chainLog(url: string, store: StateStore): AuditLog {
  return openAuditLogForState(url, { store, git: false });
}

export async function appendEvents(log: AuditLog, count: number, tag = 'x'): Promise<void> {
  for (let index = 1; index <= count; index += 1) {
    await log.append({
      event: index % 2 === 0 ? 'action.applied' : 'run.start',
      district: `district-${index % 3}`,
      outcome: 'ok',
      details: { tag, index, zeta: [1, { b: 2, a: 1 }] },
    });
  }
}

/** A new schema whose chain holds `count` events. */
export async function chainOf(count: number): Promise<{ url: string; store: PostgresStateStore }> {
  const url = await freshPostgresUrl();
  const store = await openPgStore(url);
  await appendEvents(chainLog(url, store), count);
  return { url, store };
}

export async function storedLines(url: string): Promise<Array<{ seq: number; line: string }>> {
  const rows = await sql<{ seq: string; line: string }>(url, 'SELECT seq, line FROM audit_log ORDER BY seq');
  return rows.map((row) => ({ seq: Number(row.seq), line: row.line }));
}

/**
 * Runs a statement that rewrites audit history, as a role that may switch the append-only
 * trigger off around it (the tampering the hash chain must still catch).
 */
export async function tamper(url: string, statement: string): Promise<void> {
  await sql(url, 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
  try {
    await sql(url, statement);
  } finally {
    await sql(url, 'ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  }
}

/** The audit chain as part of the PostgreSQL store: its migration, and commands that record into it. */
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/chain-verify.js';
import { openReconcileContext } from '../../src/commands/context.js';
import { openStateStore } from '../../src/state/open.js';
import type { PostgresStateStore } from '../../src/state/postgres/store.js';
import type { StateStore } from '../../src/state/types.js';
import { runStateUnlock } from '../../src/state/unlock.js';
import { freshPostgresUrl, sql } from '../helpers/postgres-url.js';

const opened: StateStore[] = [];
const dirs: string[] = [];
async function open(url: string): Promise<PostgresStateStore> {
  const store = await openStateStore(url);
  opened.push(store);
  return store as PostgresStateStore;
}
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function lines(url: string): Promise<Array<Record<string, unknown>>> {
  const rows = await sql<{ line: string }>(url, 'SELECT line FROM audit_log ORDER BY seq');
  return rows.map((row) => JSON.parse(row.line) as Record<string, unknown>);
}

describe('PostgreSQL store audit chain', () => {
  it('creates an empty chain on migration; a SQLite store needs no table for it', async () => {
    const url = await freshPostgresUrl();
    const store = await open(url);
    expect(await verifyAuditChain(store.auditChain())).toEqual({ ok: true, lines: 0 });
    expect(await store.auditChain().head()).toBeUndefined();
    const dir = await mkdtemp(join(tmpdir(), 'sislink-state-'));
    dirs.push(dir);
    const sqlite = await openStateStore(`sqlite:${join(dir, 'state.db')}`);
    opened.push(sqlite);
    expect('auditChain' in sqlite).toBe(false);
  });

  it('records a forced unlock in the database chain, not in a file in the working directory', async () => {
    const url = await freshPostgresUrl();
    const store = await open(url);
    await store.acquireLock('d1', { purpose: 'apply' });
    const cwd = await mkdtemp(join(tmpdir(), 'sislink-unlock-'));
    dirs.push(cwd);
    let out = '';
    expect(await runStateUnlock({ stateUrl: url, district: 'd1', cwd, write: (text) => (out += text) })).toBe(0);
    expect(out).toContain('removed the lock on district "d1"');
    expect(await lines(url)).toEqual([expect.objectContaining({ seq: 1, event: 'lock.forced', district: 'd1', outcome: 'removed' })]);
    expect(existsSync(join(cwd, '.sislink', 'audit.log'))).toBe(false);
  });

  it('gives reconcile commands an audit sink on the database chain', async () => {
    const url = await freshPostgresUrl();
    const cwd = await mkdtemp(join(tmpdir(), 'sislink-context-'));
    dirs.push(cwd);
    const context = await openReconcileContext({ state: url, now: new Date('2025-09-01T00:00:00Z'), cwd });
    try {
      await context.audit.append({ event: 'run.start', district: 'd2' });
      await context.audit.append({ event: 'run.finish', district: 'd2', outcome: 'ok' });
    } finally {
      await context.close();
    }
    expect((await lines(url)).map((record) => record.event)).toEqual(['run.start', 'run.finish']);
    expect(existsSync(join(cwd, '.sislink', 'audit.log'))).toBe(false);
  });
});

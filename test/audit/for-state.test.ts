/** Which audit log a state URL uses, and what the database chain stores. */
import { afterEach, describe, expect, it } from 'vitest';
import { auditLocationForState, openAuditLogForState } from '../../src/audit/for-state.js';
import { registerSecret } from '../../src/secrets/redact.js';
import { freshPostgresUrl, sql } from '../helpers/postgres-url.js';
import { closePgStores, openPgStore, storedLines } from './pg-helpers.js';

afterEach(() => closePgStores());

describe('audit log for a state URL', () => {
  it('keeps the file next to a SQLite state, and under .sislink/ for an in-memory one', () => {
    expect(auditLocationForState('sqlite:/var/lib/sislink/state.db', { cwd: '/repo' })).toEqual({ kind: 'file', path: '/var/lib/sislink/audit.log' });
    expect(auditLocationForState('sqlite:.sislink/state.db', { cwd: '/repo' })).toEqual({ kind: 'file', path: '/repo/.sislink/audit.log' });
    expect(auditLocationForState('sqlite::memory:', { cwd: '/repo' })).toEqual({ kind: 'file', path: '/repo/.sislink/audit.log' });
    expect(openAuditLogForState('sqlite:/srv/state.db').path).toBe('/srv/audit.log');
  });

  it('lets an explicit audit file win, even for PostgreSQL state', () => {
    const url = 'postgres://sislink:pw-for-test@db.example.org:5432/fleet';
    expect(auditLocationForState(url, { auditFile: '/tmp/explicit.log' })).toEqual({ kind: 'file', path: '/tmp/explicit.log' });
    expect(openAuditLogForState(url, { auditFile: '/tmp/explicit.log' }).path).toBe('/tmp/explicit.log');
  });

  it('uses the database chain for PostgreSQL state, named without its password', async () => {
    const url = 'postgres://sislink:pw-for-test@db.example.org:5432/fleet';
    const location = auditLocationForState(url);
    expect(location.kind).toBe('chain');
    const log = openAuditLogForState(url);
    expect(log.path).toBe('postgres://sislink@db.example.org:5432/fleet');
    await log.close();
  });

  it('opens its own store when given none, and closes it', async () => {
    const url = await freshPostgresUrl();
    const log = openAuditLogForState(url, { git: false });
    const record = await log.append({ event: 'run.start', district: 'd1' });
    expect(record).toMatchObject({ seq: 1, event: 'run.start', district: 'd1' });
    // Closing right after appending (not awaited) still lets the appends finish first.
    const pending = [log.append({ event: 'action.applied' }), log.append({ event: 'run.finish' })];
    await log.close();
    expect((await Promise.all(pending)).map((entry) => entry.seq)).toEqual([2, 3]);
    expect((await storedLines(url)).map((row) => row.seq)).toEqual([1, 2, 3]);
  });

  it('never stores a registered secret, in values, keys or top-level fields', async () => {
    const canary = `canary-${Math.random().toString(36).slice(2)}-s3cr3t`;
    registerSecret(canary);
    const url = await freshPostgresUrl();
    const store = await openPgStore(url);
    const log = openAuditLogForState(url, { store, git: false });
    const record = await log.append({
      event: 'action.failed',
      district: 'd1',
      address: `link.connector["${canary}"]`,
      outcome: `token ${canary} refused`,
      details: { token: canary, [canary]: 'as a key', nested: [{ value: `Bearer ${canary}` }], encoded: Buffer.from(canary).toString('base64') },
    });
    expect(JSON.stringify(record)).not.toContain(canary);
    const dump = await sql<{ text: string }>(url, "SELECT line AS text FROM audit_log UNION ALL SELECT value FROM meta WHERE key = 'audit_head'");
    expect(dump).toHaveLength(2);
    for (const row of dump) {
      expect(row.text).not.toContain(canary);
      expect(row.text).not.toContain(Buffer.from(canary).toString('base64'));
    }
    expect(dump[0]!.text).toContain('"outcome":"token ');
  });
});

/** The embedded state store: SQLite through better-sqlite3 (synchronous, wrapped in async methods). */
import { randomBytes } from 'node:crypto';
import { SislinkError } from '../errors.js';
import { DEFAULT_LOCK_LEASE_MS } from './locks.js';
import { MEMORY_PATH, openSqliteDatabase, statement, type SqliteDatabase } from './sqlite/db.js';
import { chunks, KEYS_PER_READ } from './chunks.js';
import * as exportItems from './sqlite/export-items.js';
import * as journal from './sqlite/journal.js';
import { acquireSqliteLock, forceUnlockSqlite, readLock, type LockContext } from './sqlite/locks.js';
import * as manual from './sqlite/manual-steps.js';
import { runSqliteMigrations } from './sqlite/migrate.js';
import { linkToRow, rowToLink, type LinkRow } from './sqlite/rows.js';
import { markMoved, movedError, movedTo, readSnapshot } from './sqlite/snapshot.js';
import type { MovedTo, StateTableReader } from './move-types.js';
import type {
  ExportItem, ExportItemRef, JournalEntry, LinkRecord, LockHandle, LockHolder, LockOptions, ManualStep, RunRecord, StateStore,
} from './types.js';

export interface SqliteStateStoreOptions {
  /** Clock for stored timestamps and lock leases; the wall clock by default. */
  now?: () => Date;
  /** Lease of a lock when the caller gives none. */
  lockLeaseMs?: number;
}

const STATE_KEY = 'state_key';
const DEFAULT_RUN_LIMIT = 50;

export class SqliteStateStore implements StateStore {
  readonly url: string;
  readonly path: string;
  private readonly db: SqliteDatabase;
  private readonly now: () => Date;
  private readonly locks: LockContext;

  /** `path` is a file path or `:memory:`. Call `migrate()` before use (openStateStore does). */
  constructor(path: string, options: SqliteStateStoreOptions = {}) {
    this.path = path;
    this.url = `sqlite:${path}`;
    this.db = openSqliteDatabase(path);
    this.now = options.now ?? (() => new Date());
    this.locks = { db: this.db, now: this.now, defaultLeaseMs: options.lockLeaseMs ?? DEFAULT_LOCK_LEASE_MS };
  }

  static inMemory(options?: SqliteStateStoreOptions): SqliteStateStore {
    return new SqliteStateStore(MEMORY_PATH, options);
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  /** Applies pending migrations; fails on a store that `sislink state move` moved elsewhere. */
  async migrate(): Promise<void> {
    runSqliteMigrations(this.db, this.path, this.now);
    const moved = movedTo(this.db);
    if (moved !== undefined) throw movedError(this.path, moved);
  }

  /** Runs `work` on one consistent read of every table (the source of a state move). */
  snapshot<T>(work: (tables: StateTableReader) => Promise<T>): Promise<T> {
    return readSnapshot(this.db, work);
  }

  /** Leaves the tombstone that makes every later open fail with where the state went. */
  async markMoved(moved: MovedTo): Promise<void> {
    markMoved(this.db, moved);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async stateKey(): Promise<Buffer> {
    // INSERT OR IGNORE then read: two processes racing on a new store agree on one key.
    statement(this.db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING')
      .run(STATE_KEY, randomBytes(32).toString('hex'));
    const row = statement(this.db, 'SELECT value FROM meta WHERE key = ?').get(STATE_KEY) as { value: string } | undefined;
    if (row === undefined) throw new SislinkError('STATE_ERROR', `state key missing in ${this.path}`);
    return Buffer.from(row.value, 'hex');
  }

  async getLink(district: string): Promise<LinkRecord | undefined> {
    const row = statement(this.db, 'SELECT * FROM links WHERE district = ?').get(district) as LinkRow | undefined;
    return row === undefined ? undefined : rowToLink(row);
  }

  async putLink(link: LinkRecord): Promise<void> {
    const row = linkToRow(link);
    const columns = Object.keys(row);
    const updates = columns.filter((column) => column !== 'district').map((column) => `${column} = excluded.${column}`);
    statement(this.db, 
      `INSERT INTO links (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})
       ON CONFLICT (district) DO UPDATE SET ${updates.join(', ')}`,
    ).run(row);
  }

  async deleteLink(district: string): Promise<void> {
    statement(this.db, 'DELETE FROM links WHERE district = ?').run(district);
  }

  async listLinks(): Promise<LinkRecord[]> {
    return (statement(this.db, 'SELECT * FROM links ORDER BY district').all() as LinkRow[]).map(rowToLink);
  }

  async listDistricts(): Promise<string[]> {
    const tables = ['links', 'locks', 'journal', 'manual_steps', 'district_values', 'export_items', 'export_result_packs', 'runs'];
    const union = tables.map((table) => `SELECT district FROM ${table}`).join(' UNION ');
    const rows = statement(this.db, `${union} ORDER BY district`).all() as Array<{ district: string }>;
    return rows.map((row) => row.district);
  }

  async acquireLock(district: string, options: LockOptions): Promise<LockHandle> {
    return acquireSqliteLock(this.locks, district, options);
  }

  async getLock(district: string): Promise<LockHolder | undefined> {
    return readLock(this.db, district)?.holder;
  }

  async forceUnlock(district: string): Promise<LockHolder | undefined> {
    return forceUnlockSqlite(this.db, district);
  }

  async journalIntent(entry: journal.IntentInput): Promise<number> {
    return journal.journalIntent(this.db, entry, this.stamp());
  }

  async journalOutcome(id: number, outcome: journal.OutcomeInput): Promise<void> {
    journal.journalOutcome(this.db, id, outcome, this.stamp());
  }

  async unfinishedJournal(district: string): Promise<JournalEntry[]> {
    return journal.unfinishedJournal(this.db, district);
  }

  async lastJournalEntry(district: string, actionId: string): Promise<JournalEntry | undefined> {
    return journal.lastJournalEntry(this.db, district, actionId);
  }

  async listJournal(district: string): Promise<JournalEntry[]> {
    return journal.listJournal(this.db, district);
  }

  async putManualStep(step: ManualStep): Promise<void> {
    manual.putManualStep(this.db, step);
  }

  async listManualSteps(district: string): Promise<ManualStep[]> {
    return manual.listManualSteps(this.db, district);
  }

  async attestManualStep(district: string, id: string, actor: string, at: string): Promise<ManualStep | undefined> {
    return manual.attestManualStep(this.db, district, id, actor, at);
  }

  async getValue<T>(district: string, key: string): Promise<T | undefined> {
    const row = statement(this.db, 'SELECT value_json FROM district_values WHERE district = ? AND value_key = ?')
      .get(district, key) as { value_json: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.value_json) as T);
  }

  async getValues<T>(district: string, keys: string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    for (const batch of chunks([...new Set(keys)], KEYS_PER_READ)) {
      const rows = statement(this.db, `SELECT value_key, value_json FROM district_values WHERE district = ? AND value_key IN (${batch.map(() => '?').join(', ')})`)
        .all(district, ...batch) as Array<{ value_key: string; value_json: string }>;
      for (const row of rows) found.set(row.value_key, JSON.parse(row.value_json) as T);
    }
    return found;
  }

  async setValue(district: string, key: string, value: unknown): Promise<void> {
    const json = JSON.stringify(value);
    if (json === undefined) throw new SislinkError('STATE_ERROR', `value "${key}" of district "${district}" is not JSON-serialisable`);
    statement(this.db, 
      `INSERT INTO district_values (district, value_key, value_json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (district, value_key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
    ).run(district, key, json, this.stamp());
  }

  async deleteValue(district: string, key: string): Promise<void> {
    statement(this.db, 'DELETE FROM district_values WHERE district = ? AND value_key = ?').run(district, key);
  }

  async listExportItemsByParent(district: string, job: string, parentIds: string[]): Promise<ExportItem[]> {
    return exportItems.listExportItemsByParent(this.db, district, job, parentIds);
  }


  async putExportItems(items: ExportItem[]): Promise<void> {
    exportItems.putExportItems(this.db, items);
  }

  async deleteExportItems(district: string, job: string, items: ExportItemRef[]): Promise<void> {
    exportItems.deleteExportItems(this.db, district, job, items);
  }

  iterateExportItems(district: string, job: string): AsyncIterable<ExportItem> {
    return exportItems.iterateExportItems(this.db, district, job);
  }

  async clearExportItems(district: string, job: string): Promise<void> {
    exportItems.clearExportItems(this.db, district, job);
  }

  async startRun(run: { id: string; district: string; kind: string; startedAt: string }): Promise<void> {
    journal.startRun(this.db, run);
  }

  async finishRun(id: string, outcome: 'succeeded' | 'failed', summary: Record<string, unknown>, finishedAt: string): Promise<void> {
    journal.finishRun(this.db, id, outcome, summary, finishedAt);
  }

  async listRuns(district?: string, limit = DEFAULT_RUN_LIMIT): Promise<RunRecord[]> {
    return journal.listRuns(this.db, district, limit);
  }
}

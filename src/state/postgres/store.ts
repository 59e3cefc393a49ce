/** The fleet state store: PostgreSQL through a node-postgres pool, same semantics as the SQLite store. */
import { randomBytes } from 'node:crypto';
import type { AuditChain } from '../../audit/chain.js';
import { SislinkError } from '../../errors.js';
import { DEFAULT_LOCK_LEASE_MS } from '../locks.js';
import type {
  ExportItem, ExportItemRef, JournalEntry, LinkRecord, LockHandle, LockHolder, LockOptions, ManualStep, RunRecord, StateStore,
} from '../types.js';
import { postgresAuditChain } from './audit-chain.js';
import { PgDatabase, type Queryable } from './db.js';
import { beginImport } from './import.js';
import type { StateImport } from '../move-types.js';
import { chunks, KEYS_PER_READ } from '../chunks.js';
import * as exportItems from './export-items.js';
import * as journal from './journal.js';
import { acquirePostgresLock, forceUnlockPostgres, readLock, type LockContext } from './locks.js';
import * as manual from './manual-steps.js';
import { runPostgresMigrations } from './migrate.js';
import { LINK_COLUMNS, linkValues, rowToLink, type LinkRow } from './rows.js';
import { serialised } from './serial.js';
import { registerUrlSecrets, safePostgresUrl } from './url.js';

export interface PostgresStateStoreOptions {
  /** Clock for stored timestamps and lock leases; the wall clock by default. */
  now?: () => Date;
  /** Lease of a lock when the caller gives none. */
  lockLeaseMs?: number;
  /** Most connections this store opens (10 by default). */
  poolSize?: number;
}

const STATE_KEY = 'state_key';
const DEFAULT_RUN_LIMIT = 50;
const DISTRICT_TABLES = ['links', 'locks', 'journal', 'manual_steps', 'district_values', 'export_items', 'export_result_packs', 'runs'];

const UPSERT_LINK = `INSERT INTO links (${LINK_COLUMNS.join(', ')})
  VALUES (${LINK_COLUMNS.map((_, index) => `$${index + 1}`).join(', ')})
  ON CONFLICT (district) DO UPDATE SET ${LINK_COLUMNS.filter((column) => column !== 'district').map((column) => `${column} = excluded.${column}`).join(', ')}`;

export class PostgresStateStore implements StateStore {
  /** The connection URL without its password. */
  readonly url: string;
  private readonly db: PgDatabase;
  private readonly now: () => Date;
  private readonly locks: LockContext;
  /** The state key, read once (see stateKey). */
  private key: Promise<Buffer> | undefined;

  /** Connects lazily; call `migrate()` before use (openStateStore does). */
  constructor(connectionUrl: string, options: PostgresStateStoreOptions = {}) {
    registerUrlSecrets(connectionUrl);
    this.url = safePostgresUrl(connectionUrl);
    this.db = new PgDatabase(connectionUrl, { safeUrl: this.url, ...(options.poolSize !== undefined && { poolSize: options.poolSize }) });
    this.now = options.now ?? (() => new Date());
    this.locks = { db: this.db, now: this.now, defaultLeaseMs: options.lockLeaseMs ?? DEFAULT_LOCK_LEASE_MS };
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  async migrate(): Promise<void> {
    await runPostgresMigrations(this.db, this.url, this.now);
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  /** Runs `work` in a transaction that no other holder of `name` (any process) overlaps. */
  withSerialLock<T>(name: string, work: (tx: Queryable) => Promise<T>): Promise<T> {
    return serialised(this.db, name, work);
  }

  /** An import into this store, which must be empty (`sislink state move`). */
  beginImport(): Promise<StateImport> {
    return beginImport(this.db, this.url);
  }

  /** The fleet's one audit chain, kept in this database. */
  auditChain(): AuditChain {
    return postgresAuditChain(this.db, this.url);
  }

  async stateKey(): Promise<Buffer> {
    // Created once and never changed: a worker asks on every run, the database only once.
    this.key ??= this.readStateKey().catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return Buffer.from(await this.key);
  }

  private async readStateKey(): Promise<Buffer> {
    // Insert-if-absent then read: workers racing on a new store agree on one key.
    await this.db.execute('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
      STATE_KEY, randomBytes(32).toString('hex'),
    ]);
    const [row] = await this.db.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [STATE_KEY]);
    if (row === undefined) throw new SislinkError('STATE_ERROR', `state key missing in ${this.url}`);
    return Buffer.from(row.value, 'hex');
  }

  async getLink(district: string): Promise<LinkRecord | undefined> {
    const [row] = await this.db.query<LinkRow>('SELECT * FROM links WHERE district = $1', [district]);
    return row === undefined ? undefined : rowToLink(row);
  }

  async putLink(link: LinkRecord): Promise<void> {
    await this.db.execute(UPSERT_LINK, linkValues(link));
  }

  async deleteLink(district: string): Promise<void> {
    await this.db.execute('DELETE FROM links WHERE district = $1', [district]);
  }

  async listLinks(): Promise<LinkRecord[]> {
    return (await this.db.query<LinkRow>('SELECT * FROM links ORDER BY district')).map(rowToLink);
  }

  async listDistricts(): Promise<string[]> {
    const union = DISTRICT_TABLES.map((table) => `SELECT district FROM ${table}`).join(' UNION ');
    const rows = await this.db.query<{ district: string }>(`${union} ORDER BY district`);
    return rows.map((row) => row.district);
  }

  acquireLock(district: string, options: LockOptions): Promise<LockHandle> {
    return acquirePostgresLock(this.locks, district, options);
  }

  async getLock(district: string): Promise<LockHolder | undefined> {
    return (await readLock(this.db, district))?.holder;
  }

  forceUnlock(district: string): Promise<LockHolder | undefined> {
    return forceUnlockPostgres(this.db, district);
  }

  journalIntent(entry: journal.IntentInput): Promise<number> {
    return journal.journalIntent(this.db, entry, this.stamp());
  }

  journalOutcome(id: number, outcome: journal.OutcomeInput): Promise<void> {
    return journal.journalOutcome(this.db, id, outcome, this.stamp());
  }

  unfinishedJournal(district: string): Promise<JournalEntry[]> {
    return journal.unfinishedJournal(this.db, district);
  }

  lastJournalEntry(district: string, actionId: string): Promise<JournalEntry | undefined> {
    return journal.lastJournalEntry(this.db, district, actionId);
  }

  listJournal(district: string): Promise<JournalEntry[]> {
    return journal.listJournal(this.db, district);
  }

  putManualStep(step: ManualStep): Promise<void> {
    return manual.putManualStep(this.db, step);
  }

  listManualSteps(district: string): Promise<ManualStep[]> {
    return manual.listManualSteps(this.db, district);
  }

  attestManualStep(district: string, id: string, actor: string, at: string): Promise<ManualStep | undefined> {
    return manual.attestManualStep(this.db, district, id, actor, at);
  }

  async getValue<T>(district: string, key: string): Promise<T | undefined> {
    const [row] = await this.db.query<{ value_json: T }>(
      'SELECT value_json FROM district_values WHERE district = $1 AND value_key = $2', [district, key],
    );
    return row === undefined ? undefined : row.value_json;
  }

  async getValues<T>(district: string, keys: string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    for (const batch of chunks([...new Set(keys)], KEYS_PER_READ)) {
      const rows = await this.db.query<{ value_key: string; value_json: T }>(
        'SELECT value_key, value_json FROM district_values WHERE district = $1 AND value_key = ANY($2::text[])', [district, batch],
      );
      for (const row of rows) found.set(row.value_key, row.value_json);
    }
    return found;
  }

  async setValue(district: string, key: string, value: unknown): Promise<void> {
    const json = JSON.stringify(value);
    if (json === undefined) throw new SislinkError('STATE_ERROR', `value "${key}" of district "${district}" is not JSON-serialisable`);
    await this.db.execute(
      `INSERT INTO district_values (district, value_key, value_json, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (district, value_key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
      [district, key, json, this.stamp()],
    );
  }

  async deleteValue(district: string, key: string): Promise<void> {
    await this.db.execute('DELETE FROM district_values WHERE district = $1 AND value_key = $2', [district, key]);
  }


  listExportItemsByParent(district: string, job: string, parentIds: string[]): Promise<ExportItem[]> {
    return exportItems.listExportItemsByParent(this.db, district, job, parentIds);
  }

  putExportItems(items: ExportItem[]): Promise<void> {
    return exportItems.putExportItems(this.db, items);
  }

  deleteExportItems(district: string, job: string, items: ExportItemRef[]): Promise<void> {
    return exportItems.deleteExportItems(this.db, district, job, items);
  }

  iterateExportItems(district: string, job: string): AsyncIterable<ExportItem> {
    return exportItems.iterateExportItems(this.db, district, job);
  }

  clearExportItems(district: string, job: string): Promise<void> {
    return exportItems.clearExportItems(this.db, district, job);
  }

  startRun(run: { id: string; district: string; kind: string; startedAt: string }): Promise<void> {
    return journal.startRun(this.db, run);
  }

  finishRun(id: string, outcome: 'succeeded' | 'failed', summary: Record<string, unknown>, finishedAt: string): Promise<void> {
    return journal.finishRun(this.db, id, outcome, summary, finishedAt);
  }

  listRuns(district?: string, limit = DEFAULT_RUN_LIMIT): Promise<RunRecord[]> {
    return journal.listRuns(this.db, district, limit);
  }
}

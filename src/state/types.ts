/**
 * The state store: everything sislink remembers between runs. Never holds a secret value; only
 * keyed fingerprints (see `stateKey`). SQLite is the embedded default; PostgreSQL implements the
 * same interface for fleets. All methods are async so both backends fit.
 */

/** sislink's own link ("connector" target), as last applied. */
export interface LinkRecord {
  district: string;
  vendor: string;
  baseUrl: string;
  tokenUrl: string;
  oneRosterVersion: string;
  auth: string;
  key: string;
  /** Reference the secret was read from (safe to show). */
  secretRef: string;
  /** Keyed fingerprint of the secret value (HMAC-SHA256 with the state key, shortened). */
  secretFingerprint: string;
  /** Name of the access record the link uses. */
  activeRecord: string | null;
  enabled: boolean;
  consentSisSupport: boolean;
  rosterImport: boolean;
  gradeExport: boolean;
  /** Domain sent in the User-Agent when consent is given. */
  domain: string;
  updatedAt: string;
  /** Plan hash of the apply that wrote this version. */
  appliedPlanHash: string | null;
}

export interface LockHolder {
  host: string;
  pid: number;
  /** ISO time the lock was taken. */
  since: string;
  /** Free text: the command, e.g. "apply". */
  purpose: string;
  /** Unique token of this acquisition, so only its owner releases it. */
  token: string;
}

export interface LockOptions {
  /** How long to wait for a held lock before failing; 0 = fail fast. */
  timeoutMs?: number;
  purpose: string;
  /** Lease after which any host may take the lock over; defaults to the store's (a few hours). */
  leaseMs?: number;
}

export interface LockHandle {
  district: string;
  holder: LockHolder;
  /** Set when this acquisition took over a stale lock (dead process or expired lease). */
  takenOver?: { holder: LockHolder; reason: 'dead-process' | 'lease-expired' };
  release(): Promise<void>;
}

export type JournalStatus = 'intent' | 'done' | 'failed';

export interface JournalEntry {
  id: number;
  runId: string;
  district: string;
  /** Stable id of the action within its plan (resource address + verb). */
  actionId: string;
  planHash: string;
  status: JournalStatus;
  /** Secret-free data needed to finish or verify the step after a crash. */
  data: Record<string, unknown>;
  /** Secret-free result of the side effect. */
  result: Record<string, unknown> | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface ManualStep {
  district: string;
  /** Stable id, e.g. "link-classroom-admin-3f2a9c". */
  id: string;
  title: string;
  instructions: string[];
  /** Field values to enter; secrets appear only as their reference. */
  values: Record<string, string>;
  createdAt: string;
  planHash: string;
  attestedBy: string | null;
  attestedAt: string | null;
}

/**
 * Content hash of one exported item (grade export checkpoints). LineItems are stored one row each
 * (a lineItem can move to another class); results are stored packed per lineItem.
 */
export interface ExportItem {
  district: string;
  job: string;
  /** Deterministic sourcedId written to the SIS. */
  itemId: string;
  kind: 'lineItem' | 'result';
  contentHash: string;
  /** Parent lineItem id for results, so deletions cascade. */
  parentId: string | null;
  updatedAt: string;
}

/** What a deletion needs to find a checkpoint: a result lives in its lineItem's pack. */
export type ExportItemRef = Pick<ExportItem, 'itemId' | 'kind' | 'parentId'>;

export interface RunRecord {
  id: string;
  district: string;
  kind: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: 'running' | 'succeeded' | 'failed';
  summary: Record<string, unknown> | null;
}

export interface StateStore {
  readonly url: string;
  /** Applies pending store migrations; called once by openStateStore. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** Per-store random key for secret fingerprints, created on first use. Never leaves the store. */
  stateKey(): Promise<Buffer>;

  getLink(district: string): Promise<LinkRecord | undefined>;
  putLink(link: LinkRecord): Promise<void>;
  deleteLink(district: string): Promise<void>;
  listLinks(): Promise<LinkRecord[]>;
  /** Every district the store knows anything about (link, lock, journal, manual step, value, run), sorted. */
  listDistricts(): Promise<string[]>;

  acquireLock(district: string, options: LockOptions): Promise<LockHandle>;
  getLock(district: string): Promise<LockHolder | undefined>;
  /** Removes a lock whatever its holder (`sislink state unlock`). Returns the removed holder. */
  forceUnlock(district: string): Promise<LockHolder | undefined>;

  journalIntent(entry: { runId: string; district: string; actionId: string; planHash: string; data: Record<string, unknown> }): Promise<number>;
  journalOutcome(id: number, outcome: { status: 'done' | 'failed'; result?: Record<string, unknown>; error?: string }): Promise<void>;
  /** Intents with no outcome yet (a run died between the intent and the outcome). */
  unfinishedJournal(district: string): Promise<JournalEntry[]>;
  /** Latest journal entry for an action id, whatever the run. */
  lastJournalEntry(district: string, actionId: string): Promise<JournalEntry | undefined>;
  listJournal(district: string): Promise<JournalEntry[]>;

  putManualStep(step: ManualStep): Promise<void>;
  listManualSteps(district: string): Promise<ManualStep[]>;
  attestManualStep(district: string, id: string, actor: string, at: string): Promise<ManualStep | undefined>;

  /** Small per-district values (rotation bookkeeping, last test results, backoff). JSON-serialisable. */
  getValue<T>(district: string, key: string): Promise<T | undefined>;
  /** The values of those keys that exist, in one read per few hundred keys. */
  getValues<T>(district: string, keys: string[]): Promise<Map<string, T>>;
  setValue(district: string, key: string, value: unknown): Promise<void>;
  deleteValue(district: string, key: string): Promise<void>;

  /** Checkpoints recorded under the given parents (a class's lineItems, a lineItem's results), in no set order. */
  listExportItemsByParent(district: string, job: string, parentIds: string[]): Promise<ExportItem[]>;
  /** Stores checkpoints in one transaction; a later item with the same id wins. */
  putExportItems(items: ExportItem[]): Promise<void>;
  /** Deletes checkpoints and, for lineItems, the results recorded under them. */
  deleteExportItems(district: string, job: string, items: ExportItemRef[]): Promise<void>;
  /** Streams every checkpoint of a job without loading all at once: lineItems by id, then results by lineItem and id. */
  iterateExportItems(district: string, job: string): AsyncIterable<ExportItem>;
  clearExportItems(district: string, job: string): Promise<void>;

  startRun(run: { id: string; district: string; kind: string; startedAt: string }): Promise<void>;
  finishRun(id: string, outcome: 'succeeded' | 'failed', summary: Record<string, unknown>, finishedAt: string): Promise<void>;
  listRuns(district?: string, limit?: number): Promise<RunRecord[]>;
}

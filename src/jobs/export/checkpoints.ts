/**
 * Write-behind for export checkpoints. Each class hands over what it wrote (checkpoints), what it
 * deleted and its fingerprint mark; they are stored in batches, because a store commit per class
 * costs more than the writes it records (random item ids touch a new index page per row).
 *
 * Safety: a batch stores checkpoints and deletions first and the marks of its classes last, so a
 * mark never describes writes whose checkpoints are not stored. A run killed before a flush loses
 * at most one batch of checkpoints; the next run re-sends those items (PUTs with the same ids,
 * deletes that find nothing), which changes nothing in the SIS.
 */
import type { ExportItem, ExportItemRef, StateStore } from '../../state/types.js';

/** Pending items that trigger a flush. */
export const CHECKPOINT_BATCH = 5_000;
/** Longest time a finished class waits for its checkpoints to be stored. */
export const CHECKPOINT_MAX_AGE_MS = 2_000;

export interface ClassCheckpoints {
  items: ExportItem[];
  deleted: ExportItemRef[];
  /** Stored after the batch's items and deletions. */
  saveMark?: () => Promise<void>;
}

export interface CheckpointWriter {
  /** Queues a finished class; waits for a flush when the batch is full or old. */
  add(unit: ClassCheckpoints): Promise<void>;
  /** Stores everything queued so far. */
  flush(): Promise<void>;
}

export interface CheckpointWriterOptions {
  batch?: number;
  maxAgeMs?: number;
  now?: () => number;
}

export function createCheckpointWriter(store: StateStore, district: string, job: string, options: CheckpointWriterOptions = {}): CheckpointWriter {
  const batch = options.batch ?? CHECKPOINT_BATCH;
  const maxAgeMs = options.maxAgeMs ?? CHECKPOINT_MAX_AGE_MS;
  const now = options.now ?? Date.now;
  let pending: ClassCheckpoints[] = [];
  let pendingSize = 0;
  let lastFlush = now();
  // Flushes run one after another, in the order their classes finished.
  let flushing: Promise<void> = Promise.resolve();

  async function write(units: ClassCheckpoints[]): Promise<void> {
    const items = units.flatMap((unit) => unit.items);
    const deleted = units.flatMap((unit) => unit.deleted);
    if (items.length > 0) await store.putExportItems(items);
    if (deleted.length > 0) await store.deleteExportItems(district, job, deleted);
    for (const unit of units) await unit.saveMark?.();
  }

  function flush(): Promise<void> {
    const units = pending;
    pending = [];
    pendingSize = 0;
    lastFlush = now();
    const next = flushing.then(() => (units.length > 0 ? write(units) : undefined));
    // A failed flush fails its callers; the next one still runs.
    flushing = next.catch(() => undefined);
    return next;
  }

  return {
    async add(unit) {
      pending.push(unit);
      pendingSize += unit.items.length + unit.deleted.length + 1;
      if (pendingSize >= batch || now() - lastFlush >= maxAgeMs) await flush();
    },
    flush,
  };
}

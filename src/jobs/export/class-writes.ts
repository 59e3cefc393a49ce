/**
 * The writes of one class: lineItems first (their results wait for them), then results, then
 * deletions (results before lineItems). Per-item failures are recorded and do not stop the class;
 * the checkpoints of what succeeded go back to the caller, which stores them (see checkpoints.ts).
 */
import { SislinkError } from '../../errors.js';
import { isHttpError } from '../../http/index.js';
import type { LineItemInput, ResultInput } from '../../oneroster/types.js';
import type { ExportItem } from '../../state/types.js';
import type { ExportDeps, ExportSettings } from './class-export.js';
import type { Desired } from './desired.js';
import type { ExportTally } from './tally.js';

export interface ClassChanges {
  lineItemPuts: Desired<LineItemInput>[];
  resultPuts: Desired<ResultInput>[];
  resultDeletes: ExportItem[];
  lineItemDeletes: ExportItem[];
}

const FAILED: unique symbol = Symbol('failed');

function failureText(error: unknown): string {
  if (isHttpError(error)) return `${error.status ?? 'network'} ${error.imsx?.codeMinor ?? ''} ${error.message}`.replace(/\s+/g, ' ').trim();
  return error instanceof Error ? error.message : String(error);
}

/** Credential or authorisation failures stop the whole job: every other item would fail the same way. */
function isFatal(error: unknown): boolean {
  return error instanceof SislinkError && error.code === 'AUTH_FAILED';
}

function checkpoint(settings: ExportSettings, kind: ExportItem['kind'], item: Desired<unknown>, at: string): ExportItem {
  return { district: settings.district, job: settings.job, itemId: item.id, kind, contentHash: item.hash, parentId: item.parentId, updatedAt: at };
}

/**
 * At most `width` items of this class pulled at once (the job-wide limiter caps the total): a
 * class with thousands of writes does not hold thousands of pending promises and closures.
 */
async function eachLimited<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, width), items.length) }, worker));
}

export interface ClassWriteOutcome {
  failures: number;
  /** Checkpoints of the items written. */
  done: ExportItem[];
  /** The items deleted (or already gone). */
  deleted: ExportItem[];
}

export async function writeClassChanges(deps: ExportDeps, settings: ExportSettings, classId: string, changes: ClassChanges, tally: ExportTally): Promise<ClassWriteOutcome> {
  // One timestamp per class: its checkpoints are stored together.
  const at = deps.now();
  const done: ExportItem[] = [];
  const failedLineItems = new Set<string>();
  let failures = 0;
  const fail = (kind: 'lineItem' | 'result', id: string, error: string) => {
    failures += 1;
    tally.failed({ kind, id, classId, error });
  };
  /** The write's outcome, or FAILED once the failure is recorded (fatal ones stop the job). */
  const attempt = async <T>(kind: 'lineItem' | 'result', id: string, write: () => Promise<T>): Promise<T | typeof FAILED> => {
    try {
      return await deps.limiter.run(write);
    } catch (error) {
      if (isFatal(error)) throw error;
      fail(kind, id, failureText(error));
      return FAILED;
    }
  };
  await eachLimited(changes.lineItemPuts, deps.concurrency, async (item) => {
    const outcome = await attempt('lineItem', item.id, () => deps.oneRoster.putLineItem(item.id, item.json));
    if (outcome === FAILED) {
      failedLineItems.add(item.id);
      return;
    }
    tally.wrote('lineItem', outcome);
    done.push(checkpoint(settings, 'lineItem', item, at));
  });
  await eachLimited(changes.resultPuts, deps.concurrency, async (item) => {
    if (failedLineItems.has(item.parentId)) {
      fail('result', item.id, `its lineItem ${item.parentId} failed`);
      return;
    }
    const outcome = await attempt('result', item.id, () => deps.oneRoster.putResult(item.id, item.json));
    if (outcome === FAILED) return;
    tally.wrote('result', outcome);
    done.push(checkpoint(settings, 'result', item, at));
  });
  const deleted: ExportItem[] = [];
  await eachLimited(changes.resultDeletes, deps.concurrency, async (item) => {
    if (await attempt('result', item.itemId, () => deps.oneRoster.deleteResult(item.itemId, { missingOk: true })) !== FAILED) deleted.push(item);
  });
  await eachLimited(changes.lineItemDeletes, deps.concurrency, async (item) => {
    if (await attempt('lineItem', item.itemId, () => deps.oneRoster.deleteLineItem(item.itemId, { missingOk: true })) !== FAILED) deleted.push(item);
  });
  tally.deleted(deleted.length);
  return { failures, done, deleted };
}

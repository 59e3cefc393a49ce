/**
 * Exports one class: reads both sides, maps, compares with the checkpoints (content hashes) and
 * writes only what is new, changed or gone. Results wait for their lineItem; deletions run
 * results first. Per-item failures are recorded and do not stop the class. A class whose inputs
 * match the fingerprint of its last clean run is not mapped again (see fingerprint.ts).
 */
import type { Course } from '../../classroom/types.js';
import type { OneRosterClass } from '../../oneroster/types.js';
import type { StateStore } from '../../state/types.js';
import type { Limiter } from '../limiter.js';
import type { CheckpointWriter } from './checkpoints.js';
import { classContext, readClass, type ReadDeps } from './class-reads.js';
import { writeClassChanges, type ClassChanges } from './class-writes.js';
import { desiredItems, type Desired } from './desired.js';
import { classFingerprint, clearClassMark, saveClassMark, type ClassMark } from './fingerprint.js';
import type { Unmapped } from './mapping.js';
import type { ExportTally } from './tally.js';

export interface ExportSettings {
  district: string;
  job: string;
  namespace: string;
  version: '1.1' | '1.2';
  defaultCategory: string;
  includeDraftGrades: boolean;
  /** Re-send everything, whatever the checkpoints say. */
  full: boolean;
  /** Plan only: count what would be written, write nothing. */
  dryRun: boolean;
}

export interface ExportDeps extends ReadDeps {
  store: StateStore;
  /** Stores what the classes wrote, in batches (run mode only). */
  checkpoints: CheckpointWriter;
  limiter: Limiter;
  /** The limiter's width: how many writes of one class are pulled at once. */
  concurrency: number;
  now: () => string;
  /** Class marks as the run found them (read once, before the first class). */
  marks: ReadonlyMap<string, ClassMark>;
}

/** Checkpoints of the class: its lineItems and, under them, their results (one store read when nothing was deleted). */
async function storedItems(deps: ExportDeps, settings: ExportSettings, classId: string, desiredLineItems: ReadonlyMap<string, unknown>) {
  const stored = await deps.store.listExportItemsByParent(settings.district, settings.job, [classId, ...desiredLineItems.keys()]);
  const storedLineItems = stored.filter((item) => item.kind === 'lineItem' && item.parentId === classId);
  const storedResults = stored.filter((item) => item.kind === 'result');
  // lineItems no longer wanted (deleted courseWork): their results are read separately.
  const orphans = storedLineItems.filter((item) => !desiredLineItems.has(item.itemId)).map((item) => item.itemId);
  if (orphans.length > 0) {
    for (const item of await deps.store.listExportItemsByParent(settings.district, settings.job, orphans)) if (item.kind === 'result') storedResults.push(item);
  }
  return { storedLineItems, storedResults };
}

function countNew(items: readonly Desired<unknown>[], known: ReadonlyMap<string, string>): number {
  let count = 0;
  for (const item of items) if (!known.has(item.id)) count += 1;
  return count;
}

export async function exportClass(deps: ExportDeps, settings: ExportSettings, sisClass: OneRosterClass, course: Course, tally: ExportTally): Promise<void> {
  const classId = sisClass.sourcedId;
  const reads = await readClass(deps, sisClass, course, tally);
  tally.read(reads.work.length, reads.submissions.length);
  const fingerprint = classFingerprint(settings, sisClass, course, reads);
  const mark = deps.marks.get(classId);
  if (mark?.fingerprint === fingerprint && !settings.full) {
    for (const entry of mark.unmapped) tally.unmapped(entry);
    tally.unchanged(mark.items);
    return;
  }

  const unmapped: Unmapped[] = [];
  const { lineItems, results } = desiredItems(classContext(settings, sisClass, course, reads), reads, (entry) => {
    unmapped.push(entry);
    tally.unmapped(entry);
  });
  const { storedLineItems, storedResults } = await storedItems(deps, settings, classId, lineItems);
  const known = new Map<string, string>();
  for (const item of storedLineItems) known.set(item.itemId, item.contentHash);
  for (const item of storedResults) known.set(item.itemId, item.contentHash);
  const changed = <T>(item: Desired<T>) => settings.full || known.get(item.id) !== item.hash;

  const changes: ClassChanges = {
    lineItemPuts: [...lineItems.values()].filter(changed),
    resultPuts: [...results.values()].filter(changed),
    resultDeletes: storedResults.filter((item) => !results.has(item.itemId)),
    lineItemDeletes: storedLineItems.filter((item) => !lineItems.has(item.itemId)),
  };
  const writes = changes.lineItemPuts.length + changes.resultPuts.length + changes.resultDeletes.length + changes.lineItemDeletes.length;
  tally.unchanged(lineItems.size - changes.lineItemPuts.length + results.size - changes.resultPuts.length);
  const lineItemsNew = countNew(changes.lineItemPuts, known);
  const resultsNew = countNew(changes.resultPuts, known);
  tally.planned(classId, {
    lineItemsNew, lineItemsChanged: changes.lineItemPuts.length - lineItemsNew,
    resultsNew, resultsChanged: changes.resultPuts.length - resultsNew,
    deletes: changes.resultDeletes.length + changes.lineItemDeletes.length,
  });
  if (settings.dryRun) return;

  // The old mark goes before the first write: a run that stops midway must not leave it behind.
  if (mark !== undefined && writes > 0) await clearClassMark(deps.store, settings.district, settings.job, classId);
  const outcome = writes > 0 ? await writeClassChanges(deps, settings, classId, changes, tally) : { failures: 0, done: [], deleted: [] };
  const saveMark = outcome.failures === 0
    ? () => saveClassMark(deps.store, settings.district, settings.job, classId, { fingerprint, items: lineItems.size + results.size, unmapped })
    : undefined;
  await deps.checkpoints.add({ items: outcome.done, deleted: outcome.deleted, saveMark });
}

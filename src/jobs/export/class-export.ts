/**
 * Exports one class: reads both sides, maps, compares with the checkpoints (content hashes) and
 * writes only what is new, changed or gone. Results wait for their lineItem; deletions run
 * results first. Per-item failures are recorded and do not stop the class.
 */
import type { ClassroomClient } from '../../classroom/index.js';
import type { Course } from '../../classroom/types.js';
import { SislinkError } from '../../errors.js';
import { isHttpError } from '../../http/index.js';
import type { OneRosterClient } from '../../oneroster/index.js';
import type { AcademicSession, LineItemInput, OneRosterClass, ResultInput } from '../../oneroster/types.js';
import type { ExportItem, StateStore } from '../../state/types.js';
import type { Limiter } from '../limiter.js';
import { classContext, readClass } from './class-reads.js';
import { contentHash } from './hash.js';
import { mapCourseWork, mapSubmission, type Unmapped } from './mapping.js';
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

export interface ExportDeps {
  oneRoster: OneRosterClient;
  classroom: ClassroomClient;
  store: StateStore;
  limiter: Limiter;
  now: () => string;
  /** Grading periods per term, shared by the classes of one run. */
  termPeriods: Map<string, Promise<AcademicSession[]>>;
}

interface Desired<T> {
  id: string;
  body: T;
  hash: string;
  parentId: string;
}

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

export async function exportClass(deps: ExportDeps, settings: ExportSettings, sisClass: OneRosterClass, course: Course, tally: ExportTally): Promise<void> {
  const reads = await readClass(deps, sisClass, course, tally);
  const context = classContext(settings, sisClass, course, reads);
  tally.read(reads.work.length, reads.submissions.length);

  const lineItems = new Map<string, Desired<LineItemInput>>();
  const lineItemOfWork = new Map<string, string>();
  for (const entry of reads.work) {
    const mapped = mapCourseWork(context, entry);
    if (!mapped.ok) {
      tally.unmapped(mapped.unmapped);
      continue;
    }
    lineItems.set(mapped.id, { id: mapped.id, body: mapped.body, hash: contentHash(mapped.body), parentId: sisClass.sourcedId });
    lineItemOfWork.set(entry.id, mapped.id);
  }
  const results = new Map<string, Desired<ResultInput>>();
  for (const submission of reads.submissions) {
    const lineItem = lineItemOfWork.get(submission.courseWorkId);
    if (lineItem === undefined) continue;
    const mapped = mapSubmission(context, lineItem, submission);
    if (mapped.ok === 'ungraded') continue;
    if (mapped.ok === false) {
      tally.unmapped(mapped.unmapped as Unmapped);
      continue;
    }
    results.set(mapped.id, { id: mapped.id, body: mapped.body, hash: contentHash(mapped.body), parentId: lineItem });
  }

  const { storedLineItems, storedResults } = await storedItems(deps, settings, sisClass.sourcedId, lineItems);
  const known = new Map<string, string>();
  for (const item of storedLineItems) known.set(item.itemId, item.contentHash);
  for (const item of storedResults) known.set(item.itemId, item.contentHash);
  const changed = <T>(item: Desired<T>) => settings.full || known.get(item.id) !== item.hash;

  const lineItemPuts = [...lineItems.values()].filter(changed);
  const resultPuts = [...results.values()].filter(changed);
  const resultDeletes = storedResults.filter((item) => !results.has(item.itemId));
  const lineItemDeletes = storedLineItems.filter((item) => !lineItems.has(item.itemId));
  tally.unchanged(lineItems.size - lineItemPuts.length + results.size - resultPuts.length);
  tally.planned(sisClass.sourcedId, {
    lineItems: lineItemPuts.map((item) => ({ id: item.id, isNew: !known.has(item.id), title: item.body.title })),
    results: resultPuts.map((item) => ({ id: item.id, isNew: !known.has(item.id) })),
    deletes: resultDeletes.length + lineItemDeletes.length,
  });
  if (settings.dryRun) return;

  // One timestamp per class: the checkpoints are stored together at its end.
  const at = deps.now();
  const done: ExportItem[] = [];
  const failedLineItems = new Set<string>();
  const attempt = async (kind: 'lineItem' | 'result', id: string, write: () => Promise<unknown>): Promise<boolean> => {
    try {
      await deps.limiter.run(write);
      return true;
    } catch (error) {
      if (isFatal(error)) throw error;
      tally.failed({ kind, id, classId: sisClass.sourcedId, error: failureText(error) });
      return false;
    }
  };
  await Promise.all(lineItemPuts.map(async (item) => {
    const ok = await attempt('lineItem', item.id, async () => tally.wrote('lineItem', await deps.oneRoster.putLineItem(item.id, item.body)));
    if (ok) done.push(checkpoint(settings, 'lineItem', item, at));
    else failedLineItems.add(item.id);
  }));
  await Promise.all(resultPuts.map(async (item) => {
    if (failedLineItems.has(item.parentId)) {
      tally.failed({ kind: 'result', id: item.id, classId: sisClass.sourcedId, error: `its lineItem ${item.parentId} failed` });
      return;
    }
    const ok = await attempt('result', item.id, async () => tally.wrote('result', await deps.oneRoster.putResult(item.id, item.body)));
    if (ok) done.push(checkpoint(settings, 'result', item, at));
  }));
  const deleted: string[] = [];
  await Promise.all(resultDeletes.map(async (item) => {
    if (await attempt('result', item.itemId, () => deps.oneRoster.deleteResult(item.itemId, { missingOk: true }))) deleted.push(item.itemId);
  }));
  await Promise.all(lineItemDeletes.map(async (item) => {
    if (await attempt('lineItem', item.itemId, () => deps.oneRoster.deleteLineItem(item.itemId, { missingOk: true }))) deleted.push(item.itemId);
  }));
  tally.deleted(deleted.length);
  if (done.length > 0) await deps.store.putExportItems(done);
  if (deleted.length > 0) await deps.store.deleteExportItems(settings.district, settings.job, deleted);
}

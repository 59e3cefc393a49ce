import type { StateStore } from '../state/types.js';
import { afterJournalWrite } from './crash-points.js';

/**
 * Runs one side effect between a journaled intent and its outcome, so a run that dies midway
 * leaves a trace the next run can settle.
 */
export async function journaled<T extends Record<string, unknown> | void>(
  store: StateStore,
  entry: { runId: string; district: string; actionId: string; planHash: string; data: Record<string, unknown> },
  effect: () => Promise<T>,
): Promise<T> {
  const id = await store.journalIntent(entry);
  afterJournalWrite();
  let result: T;
  try {
    result = await effect();
  } catch (error) {
    await store.journalOutcome(id, { status: 'failed', error: error instanceof Error ? error.message : String(error) });
    afterJournalWrite();
    throw error;
  }
  await store.journalOutcome(id, { status: 'done', result: result ?? {} });
  afterJournalWrite();
  return result;
}

/**
 * Settles intents left by a run that died: every side effect sislink makes is idempotent and the
 * next observation shows whether it happened, so they are closed as interrupted and re-planned.
 */
export async function settleInterrupted(store: StateStore, district: string): Promise<number> {
  const unfinished = await store.unfinishedJournal(district);
  for (const entry of unfinished) {
    await store.journalOutcome(entry.id, { status: 'failed', error: 'interrupted: the run stopped before this step finished; re-planned from observed state' });
  }
  return unfinished.length;
}

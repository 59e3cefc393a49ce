/** The export's checkpoint write-behind on a real SQLite state file. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCheckpointWriter } from '../../src/jobs/export/checkpoints.js';
import { openStateStore } from '../../src/state/open.js';
import type { ExportItem, StateStore } from '../../src/state/types.js';

const opened: { store: StateStore; dir: string }[] = [];
afterEach(async () => {
  for (const { store, dir } of opened.splice(0)) {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

async function freshStore(): Promise<StateStore> {
  const dir = await mkdtemp(join(tmpdir(), 'sislink-checkpoints-'));
  const store = await openStateStore('sqlite:state.db', { cwd: dir });
  opened.push({ store, dir });
  return store;
}

function item(id: string, parentId = 'class-1'): ExportItem {
  return { district: 'd1', job: 'grades', itemId: id, kind: 'result', contentHash: `h-${id}`, parentId, updatedAt: '2026-11-28T00:00:00.000Z' };
}

async function storedIds(store: StateStore): Promise<string[]> {
  const ids: string[] = [];
  for await (const each of store.iterateExportItems('d1', 'grades')) ids.push(each.itemId);
  return ids;
}

describe('checkpoint writer', () => {
  it('holds small classes until the batch fills, then stores items before marks', async () => {
    const store = await freshStore();
    const clock = { now: 0 };
    const writer = createCheckpointWriter(store, 'd1', 'grades', { batch: 5, maxAgeMs: 60_000, now: () => clock.now });
    const order: string[] = [];
    const markAfterItems = (name: string) => async () => {
      order.push(`${name}:${(await storedIds(store)).length}`);
      await store.setValue('d1', name, { done: true });
    };
    await writer.add({ items: [item('a'), item('b')], deleted: [], saveMark: markAfterItems('mark-1') });
    expect(await storedIds(store)).toEqual([]);
    expect(await store.getValue('d1', 'mark-1')).toBeUndefined();
    await writer.add({ items: [item('c')], deleted: [], saveMark: markAfterItems('mark-2') });
    // 3 items + 2 classes = 5: the batch is full.
    expect(await storedIds(store)).toEqual(['a', 'b', 'c']);
    expect(order).toEqual(['mark-1:3', 'mark-2:3']);
  });

  it('flushes a class that waited longer than the age limit', async () => {
    const store = await freshStore();
    const clock = { now: 0 };
    const writer = createCheckpointWriter(store, 'd1', 'grades', { batch: 1_000, maxAgeMs: 100, now: () => clock.now });
    await writer.add({ items: [item('a')], deleted: [] });
    expect(await storedIds(store)).toEqual([]);
    clock.now = 150;
    await writer.add({ items: [item('b')], deleted: [] });
    expect(await storedIds(store)).toEqual(['a', 'b']);
  });

  it('applies deletions with the batch and stores the rest on flush', async () => {
    const store = await freshStore();
    await store.putExportItems([item('old-1'), item('old-2'), item('keep')]);
    const writer = createCheckpointWriter(store, 'd1', 'grades', { batch: 1_000, maxAgeMs: 60_000 });
    await writer.add({ items: [item('new')], deleted: [item('old-1'), item('old-2')] });
    expect(await storedIds(store)).toEqual(['keep', 'old-1', 'old-2']);
    await writer.flush();
    expect(await storedIds(store)).toEqual(['keep', 'new']);
  });

  it('fails the caller whose flush failed, skips that batch\'s marks, and keeps working', async () => {
    const store = await freshStore();
    const writer = createCheckpointWriter(store, 'd1', 'grades', { batch: 1, maxAgeMs: 60_000 });
    let marked = false;
    const broken = { ...item('x'), kind: 'not-a-kind' } as unknown as ExportItem;
    await expect(writer.add({ items: [broken], deleted: [], saveMark: async () => void (marked = true) })).rejects.toThrow();
    expect(marked).toBe(false);
    await writer.add({ items: [item('y')], deleted: [] });
    expect(await storedIds(store)).toEqual(['y']);
  });
});

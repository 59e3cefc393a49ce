/**
 * The StateStore contract, written once and run against every backend. `open` must return a
 * fresh, empty, migrated store each time it is called.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isSislinkError } from '../../src/errors.js';
import type { StateStore } from '../../src/state/types.js';
import { item, result, sampleLink, sampleStep, storedCheckpoints } from './fixtures.js';
import { describeLockContract } from './contract-locks.js';

export function describeStateStoreContract(name: string, open: () => Promise<StateStore>): void {
  describe(`StateStore contract: ${name}`, () => {
    const opened: StateStore[] = [];
    async function fresh(): Promise<StateStore> {
      const store = await open();
      opened.push(store);
      return store;
    }
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    it('migrate is idempotent', async () => {
      const store = await fresh();
      await store.migrate();
      await store.migrate();
      expect(await store.listLinks()).toEqual([]);
    });

    it('keeps one random 32-byte state key', async () => {
      const store = await fresh();
      const key = await store.stateKey();
      expect(key.length).toBe(32);
      expect((await store.stateKey()).equals(key)).toBe(true);
      const other = await fresh();
      expect((await other.stateKey()).equals(key)).toBe(false);
    });

    it('stores, replaces, lists and deletes links', async () => {
      const store = await fresh();
      expect(await store.getLink('d1')).toBeUndefined();
      await store.putLink(sampleLink('d2'));
      await store.putLink(sampleLink('d1'));
      expect(await store.getLink('d1')).toEqual(sampleLink('d1'));
      const changed = sampleLink('d1', { enabled: false, consentSisSupport: true, activeRecord: null, appliedPlanHash: 'p2' });
      await store.putLink(changed);
      expect(await store.getLink('d1')).toEqual(changed);
      expect((await store.listLinks()).map((link) => link.district)).toEqual(['d1', 'd2']);
      await store.deleteLink('d1');
      expect(await store.getLink('d1')).toBeUndefined();
      expect(await store.listDistricts()).toEqual(['d2']);
    });

    it('journals intents and outcomes', async () => {
      const store = await fresh();
      const base = { runId: 'r1', district: 'd1', planHash: 'p1' };
      const a = await store.journalIntent({ ...base, actionId: 'link.update', data: { step: 1 } });
      const b = await store.journalIntent({ ...base, actionId: 'record.create', data: { name: 'rec-b' } });
      expect(b).toBeGreaterThan(a);
      await store.journalOutcome(a, { status: 'done', result: { ok: true } });
      const unfinished = await store.unfinishedJournal('d1');
      expect(unfinished.map((entry) => entry.id)).toEqual([b]);
      expect(unfinished[0]).toMatchObject({ status: 'intent', data: { name: 'rec-b' }, result: null, finishedAt: null });
      await store.journalOutcome(b, { status: 'failed', error: 'HTTP 500' });
      expect(await store.unfinishedJournal('d1')).toEqual([]);
      const again = await store.journalIntent({ ...base, runId: 'r2', actionId: 'link.update', data: {} });
      expect((await store.lastJournalEntry('d1', 'link.update'))?.id).toBe(again);
      expect(await store.lastJournalEntry('d1', 'nope')).toBeUndefined();
      const all = await store.listJournal('d1');
      expect(all.map((entry) => entry.status)).toEqual(['done', 'failed', 'intent']);
      expect(all[0]).toMatchObject({ result: { ok: true }, error: null });
      expect(all[1]).toMatchObject({ error: 'HTTP 500' });
      expect(all[1]?.finishedAt).not.toBeNull();
      expect(await store.listJournal('other')).toEqual([]);
      await expect(store.journalOutcome(9999, { status: 'done' })).rejects.toSatisfy((error) => isSislinkError(error, 'STATE_ERROR'));
    });

    it('keeps manual steps and their first attestation', async () => {
      const store = await fresh();
      await store.putManualStep(sampleStep('d1', 'step-b', '2025-01-03T00:00:00.000Z'));
      await store.putManualStep(sampleStep('d1', 'step-a'));
      expect((await store.listManualSteps('d1')).map((step) => step.id)).toEqual(['step-a', 'step-b']);
      expect(await store.attestManualStep('d1', 'missing', 'alice', '2025-01-04T00:00:00.000Z')).toBeUndefined();
      const attested = await store.attestManualStep('d1', 'step-a', 'alice', '2025-01-04T00:00:00.000Z');
      expect(attested).toMatchObject({ attestedBy: 'alice', attestedAt: '2025-01-04T00:00:00.000Z' });
      const twice = await store.attestManualStep('d1', 'step-a', 'bob', '2025-01-05T00:00:00.000Z');
      expect(twice?.attestedBy).toBe('alice');
      await store.putManualStep({ ...sampleStep('d1', 'step-a'), planHash: 'plan-2' });
      const [first] = await store.listManualSteps('d1');
      expect(first).toMatchObject({ planHash: 'plan-2', attestedBy: 'alice', values: { 'Client secret': 'env:SIS_SECRET' } });
      expect(await store.listManualSteps('d2')).toEqual([]);
    });

    it('stores JSON values per district', async () => {
      const store = await fresh();
      expect(await store.getValue('d1', 'rotation')).toBeUndefined();
      await store.setValue('d1', 'rotation', { next: '2025-02-01', attempts: [1, 2] });
      await store.setValue('d2', 'rotation', 'other');
      expect(await store.getValue('d1', 'rotation')).toEqual({ next: '2025-02-01', attempts: [1, 2] });
      await store.setValue('d1', 'rotation', false);
      expect(await store.getValue('d1', 'rotation')).toBe(false);
      await store.deleteValue('d1', 'rotation');
      expect(await store.getValue('d1', 'rotation')).toBeUndefined();
      expect(await store.getValue('d2', 'rotation')).toBe('other');
    });

    it('reads many values at once, only those that exist, across batches', async () => {
      const store = await fresh();
      const keys = Array.from({ length: 1200 }, (_, index) => `mark:${index}`);
      for (const key of keys.filter((_, index) => index % 3 === 0)) await store.setValue('d1', key, { key, nested: [1, { a: true }] });
      await store.setValue('d2', 'mark:1', 'other district');
      const found = await store.getValues<{ key: string }>('d1', [...keys, 'mark:0', 'missing']);
      expect([...found.keys()].sort()).toEqual(keys.filter((_, index) => index % 3 === 0).sort());
      expect(found.get('mark:3')).toEqual({ key: 'mark:3', nested: [1, { a: true }] });
      expect((await store.getValues('d2', ['mark:0', 'mark:1'])).get('mark:1')).toBe('other district');
      expect((await store.getValues('d1', [])).size).toBe(0);
    });

    it('checkpoints export items, cascading deletions to results', async () => {
      const store = await fresh();
      await store.putExportItems([
        item('li-1'), item('li-2'), result('res-1a', 'li-1'), result('res-2a', 'li-2'), result('res-2b', 'li-2'),
        item('li-1', { job: 'other' }), result('res-1a', 'li-1', { job: 'other' }),
      ]);
      const found = await storedCheckpoints(store);
      expect([...found.keys()]).toEqual(['li-1', 'li-2', 'res-1a', 'res-2a', 'res-2b']);
      expect(found.get('res-1a')).toEqual(result('res-1a', 'li-1'));
      expect(found.get('li-2')).toEqual(item('li-2'));

      const later = { updatedAt: '2025-02-01T00:00:00.000Z' };
      await store.putExportItems([item('li-1', { contentHash: 'changed', ...later }), result('res-2a', 'li-2', { contentHash: 'changed', ...later })]);
      const changed = await storedCheckpoints(store);
      expect(changed.get('li-1')).toEqual(item('li-1', { contentHash: 'changed', ...later }));
      expect(changed.get('res-2a')).toEqual(result('res-2a', 'li-2', { contentHash: 'changed', ...later }));
      expect(changed.get('res-2b')?.contentHash).toBe('hash-res-2b');

      await store.deleteExportItems('d1', 'grades', [item('li-1')]);
      expect([...(await storedCheckpoints(store)).keys()]).toEqual(['li-2', 'res-2a', 'res-2b']);
      await store.deleteExportItems('d1', 'grades', [result('res-2a', 'li-2'), result('res-9', 'li-9')]);
      expect([...(await storedCheckpoints(store)).keys()]).toEqual(['li-2', 'res-2b']);
      await store.deleteExportItems('d1', 'grades', [result('res-2b', 'li-2')]);
      expect([...(await storedCheckpoints(store)).keys()]).toEqual(['li-2']);
      // A result stored again after its lineItem's results were all deleted.
      await store.putExportItems([result('res-2c', 'li-2')]);
      expect([...(await storedCheckpoints(store)).keys()]).toEqual(['li-2', 'res-2c']);

      expect([...(await storedCheckpoints(store, 'd1', 'other')).keys()]).toEqual(['li-1', 'res-1a']);
      await store.clearExportItems('d1', 'grades');
      expect((await storedCheckpoints(store)).size).toBe(0);
      expect((await storedCheckpoints(store, 'd1', 'other')).size).toBe(2);
    });

    it('keeps the last of repeated checkpoints in one batch and refuses a result without a lineItem', async () => {
      const store = await fresh();
      await store.putExportItems([
        item('li-1'), item('li-1', { contentHash: 'second' }),
        result('res-1', 'li-1'), result('res-1', 'li-1', { contentHash: 'second' }), result('res-1', 'li-1', { contentHash: 'third' }),
      ]);
      const found = await storedCheckpoints(store);
      expect(found.get('li-1')?.contentHash).toBe('second');
      expect(found.get('res-1')?.contentHash).toBe('third');
      // Ids are kept exactly, whatever characters they hold.
      const odd = ['res-"quoted"\\', 'rés-\u2028-✓', '__proto__'];
      await store.putExportItems(odd.map((id) => result(id, 'li-1', { contentHash: `h"${id}` })));
      const withOdd = await storedCheckpoints(store);
      for (const id of odd) expect(withOdd.get(id)).toEqual(result(id, 'li-1', { contentHash: `h"${id}` }));
      await store.deleteExportItems('d1', 'grades', odd.map((id) => result(id, 'li-1')));
      await expect(store.putExportItems([result('res-2', 'li-1'), item('orphan', { kind: 'result' })])).rejects.toThrow(/orphan has no lineItem/);
      expect([...(await storedCheckpoints(store)).keys()]).toEqual(['li-1', 'res-1']);
    });

    it('lists export items by parent', async () => {
      const store = await fresh();
      await store.putExportItems([
        item('li-1', { parentId: 'class-a' }), item('li-2', { parentId: 'class-b' }),
        result('res-1a', 'li-1'), result('res-1b', 'li-1'), result('res-2a', 'li-2'), item('li-9', { job: 'other', parentId: 'class-a' }),
      ]);
      const ofClass = await store.listExportItemsByParent('d1', 'grades', ['class-a']);
      expect(ofClass).toEqual([item('li-1', { parentId: 'class-a' })]);
      const results = await store.listExportItemsByParent('d1', 'grades', ['li-1', 'li-2']);
      expect(results.map((entry) => entry.itemId).sort()).toEqual(['res-1a', 'res-1b', 'res-2a']);
      expect(results.find((entry) => entry.itemId === 'res-1b')).toEqual(result('res-1b', 'li-1'));
      const both = await store.listExportItemsByParent('d1', 'grades', ['class-a', 'li-1', 'li-1']);
      expect(both.map((entry) => entry.itemId).sort()).toEqual(['li-1', 'res-1a', 'res-1b']);
      expect(await store.listExportItemsByParent('d1', 'grades', [])).toEqual([]);
    });

    it('streams many export items in order across pages', async () => {
      const store = await fresh();
      const ids = Array.from({ length: 2500 }, (_, index) => `item-${String(index).padStart(5, '0')}`);
      // 120 lineItems' results: more packs than one page holds.
      const results = ids.slice(0, 120).flatMap((id) => [result(`${id}-r2`, id), result(`${id}-r1`, id)]);
      await store.putExportItems([...ids.map((id) => item(id)), ...results]);
      const seen: string[] = [];
      for await (const entry of store.iterateExportItems('d1', 'grades')) {
        seen.push(entry.itemId);
        // Writing while streaming must not deadlock or be blocked by the reader.
        if (seen.length === 1200 || seen.length === 2600) await store.setValue('d1', 'progress', seen.length);
      }
      expect(seen).toEqual([...ids, ...ids.slice(0, 120).flatMap((id) => [`${id}-r1`, `${id}-r2`])]);
    });

    it('records runs', async () => {
      const store = await fresh();
      await store.startRun({ id: 'r1', district: 'd1', kind: 'apply', startedAt: '2025-01-01T00:00:00.000Z' });
      await store.startRun({ id: 'r2', district: 'd2', kind: 'reconcile', startedAt: '2025-01-02T00:00:00.000Z' });
      await store.startRun({ id: 'r3', district: 'd1', kind: 'apply', startedAt: '2025-01-03T00:00:00.000Z' });
      await store.finishRun('r1', 'succeeded', { changes: 2 }, '2025-01-01T00:01:00.000Z');
      expect((await store.listRuns()).map((run) => run.id)).toEqual(['r3', 'r2', 'r1']);
      expect((await store.listRuns('d1', 1)).map((run) => run.id)).toEqual(['r3']);
      const [, r1] = await store.listRuns('d1');
      expect(r1).toEqual({
        id: 'r1', district: 'd1', kind: 'apply', startedAt: '2025-01-01T00:00:00.000Z',
        finishedAt: '2025-01-01T00:01:00.000Z', outcome: 'succeeded', summary: { changes: 2 },
      });
      expect((await store.listRuns('d2'))[0]).toMatchObject({ outcome: 'running', summary: null, finishedAt: null });
      await expect(store.finishRun('nope', 'failed', {}, '2025-01-01T00:00:00.000Z')).rejects.toSatisfy((error) => isSislinkError(error, 'STATE_ERROR'));
      expect(await store.listDistricts()).toEqual(['d1', 'd2']);
    });

    describeLockContract(fresh);
  });
}

/**
 * Result checkpoints packed per lineItem: one row per lineItem holds its results' content hashes
 * as a JSON object (result id -> hash). A first export stores tens of thousands of results; one
 * row per lineItem costs about a tenth of one indexed row per result. Results never move between
 * lineItems (their ids derive from the lineItem's courseWork), so a pack is the natural unit.
 * Shared by both backends; each reads and writes packs inside its own transaction.
 */
import type { ExportItem, ExportItemRef } from './types.js';

export interface PackRow {
  district: string;
  job: string;
  line_item_id: string;
  hashes: string;
  updated_at: string;
}

/** The changes to one pack, collected from a batch of checkpoints. */
export interface PackChange {
  district: string;
  job: string;
  lineItemId: string;
  puts: Map<string, string>;
  deletes: Set<string>;
  updatedAt: string | undefined;
}

export type StoredPack = Pick<PackRow, 'hashes' | 'updated_at'>;

export function parsePack(text: string): Map<string, string> {
  return new Map(Object.entries(JSON.parse(text) as Record<string, string>));
}

function parentOf(result: ExportItemRef): string {
  if (result.parentId === null) throw new Error(`result checkpoint ${result.itemId} has no lineItem`);
  return result.parentId;
}

function changeFor(changes: Map<string, PackChange>, district: string, job: string, lineItemId: string): PackChange {
  const key = `${district}\u0000${job}\u0000${lineItemId}`;
  let change = changes.get(key);
  if (change === undefined) {
    change = { district, job, lineItemId, puts: new Map(), deletes: new Set(), updatedAt: undefined };
    changes.set(key, change);
  }
  return change;
}

/** Result puts grouped by pack, in order (a later put of the same result wins). */
export function packPuts(results: readonly ExportItem[]): PackChange[] {
  const changes = new Map<string, PackChange>();
  for (const result of results) {
    const change = changeFor(changes, result.district, result.job, parentOf(result));
    change.puts.set(result.itemId, result.contentHash);
    change.updatedAt = result.updatedAt;
  }
  return [...changes.values()];
}

/** Result deletions of one job grouped by pack. */
export function packDeletes(district: string, job: string, results: readonly ExportItemRef[]): PackChange[] {
  const changes = new Map<string, PackChange>();
  for (const result of results) changeFor(changes, district, job, parentOf(result)).deletes.add(result.itemId);
  return [...changes.values()];
}

/** What to store for a pack after the change, or null when it is left empty (its row goes). */
export function nextPack(stored: StoredPack | undefined, change: PackChange): StoredPack | null {
  const hashes = stored === undefined ? new Map<string, string>() : parsePack(stored.hashes);
  for (const id of change.deletes) hashes.delete(id);
  for (const [id, hash] of change.puts) hashes.set(id, hash);
  const updatedAt = change.updatedAt ?? stored?.updated_at;
  if (hashes.size === 0 || updatedAt === undefined) return null;
  return { hashes: JSON.stringify(Object.fromEntries(hashes)), updated_at: updatedAt };
}

/** The results of a pack as checkpoints, appended to `into`. */
export function unpack(row: PackRow, into: ExportItem[]): void {
  for (const [itemId, contentHash] of parsePack(row.hashes)) {
    into.push({ district: row.district, job: row.job, itemId, kind: 'result', contentHash, parentId: row.line_item_id, updatedAt: row.updated_at });
  }
}

/** The results of a pack in id order (the ids sislink mints are ASCII, so this is also the stores' bytewise order). */
export function unpackSorted(row: PackRow): ExportItem[] {
  const items: ExportItem[] = [];
  unpack(row, items);
  return items.sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
}

/**
 * Result checkpoints packed per lineItem: one row per lineItem holds its results' content hashes
 * as a JSON object (result id -> hash). A first export stores tens of thousands of results; one
 * row per lineItem costs about a tenth of one indexed row per result. Results never move between
 * lineItems (their ids derive from the lineItem's courseWork), so a pack is the natural unit.
 * Shared by both backends; each reads and writes packs inside its own transaction.
 */
import { SislinkError } from '../errors.js';
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

/** How many results a pack holds, without building its map (a state move counts a million). */
export function packSize(text: string): number {
  return Object.keys(JSON.parse(text) as Record<string, string>).length;
}

function parentOf(result: ExportItemRef): string {
  if (result.parentId === null) throw new SislinkError('INTERNAL', `result checkpoint ${result.itemId} has no lineItem`);
  return result.parentId;
}

/** Changes grouped by district and job, then by lineItem; a batch almost always has one scope. */
class PackChanges {
  private readonly scopes: Array<{ district: string; job: string; byLineItem: Map<string, PackChange> }> = [];

  for(district: string, job: string, lineItemId: string): PackChange {
    let scope = this.scopes.find((entry) => entry.district === district && entry.job === job);
    if (scope === undefined) this.scopes.push((scope = { district, job, byLineItem: new Map() }));
    let change = scope.byLineItem.get(lineItemId);
    if (change === undefined) {
      change = { district, job, lineItemId, puts: new Map(), deletes: new Set(), updatedAt: undefined };
      scope.byLineItem.set(lineItemId, change);
    }
    return change;
  }

  list(): PackChange[] {
    return this.scopes.flatMap((scope) => [...scope.byLineItem.values()]);
  }
}

/** Result puts grouped by pack, in order (a later put of the same result wins). */
export function packPuts(results: readonly ExportItem[]): PackChange[] {
  const changes = new PackChanges();
  for (const result of results) {
    const change = changes.for(result.district, result.job, parentOf(result));
    change.puts.set(result.itemId, result.contentHash);
    change.updatedAt = result.updatedAt;
  }
  return changes.list();
}

/** Result deletions of one job grouped by pack. */
export function packDeletes(district: string, job: string, results: readonly ExportItemRef[]): PackChange[] {
  const changes = new PackChanges();
  for (const result of results) changes.for(district, job, parentOf(result)).deletes.add(result.itemId);
  return changes.list();
}

/** What to store for a pack after the change, or null when it is left empty (its row goes). */
export function nextPack(stored: StoredPack | undefined, change: PackChange): StoredPack | null {
  // A new pack (a first export) is the change's puts as they are.
  let hashes = change.puts;
  if (stored !== undefined || change.deletes.size > 0) {
    hashes = stored === undefined ? new Map() : parsePack(stored.hashes);
    for (const id of change.deletes) hashes.delete(id);
    for (const [id, hash] of change.puts) hashes.set(id, hash);
  }
  const updatedAt = change.updatedAt ?? stored?.updated_at;
  if (hashes.size === 0 || updatedAt === undefined) return null;
  return { hashes: packText(hashes), updated_at: updatedAt };
}

/** JSON object text, written pair by pair rather than through an intermediate object. */
function packText(hashes: ReadonlyMap<string, string>): string {
  let text = '';
  for (const [id, hash] of hashes) text += `,${JSON.stringify(id)}:${JSON.stringify(hash)}`;
  return `{${text.slice(1)}}`;
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

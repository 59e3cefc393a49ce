/**
 * Grade-export checkpoints on SQLite: lineItems one row each, results packed per lineItem (see
 * ../result-packs.ts); batched writes in one transaction, keyset-paged reads.
 */
import { chunks } from '../chunks.js';
import { nextPack, packDeletes, packPuts, unpack, unpackSorted, type PackChange, type PackRow, type StoredPack } from '../result-packs.js';
import type { ExportItem, ExportItemRef } from '../types.js';
import { statement, type SqliteDatabase } from './db.js';
import { rowToExportItem, type ExportItemRow } from './rows.js';

/** Ids per IN (...) list; well under SQLite's bound-parameter limit. */
const ID_CHUNK = 500;
/** LineItem rows per page when streaming; each page is its own short read. */
const PAGE_SIZE = 1000;
/** Packs per page when streaming (each holds a lineItem's results). */
const PACK_PAGE_SIZE = 50;

function placeholders(count: number): string {
  return new Array<string>(count).fill('?').join(', ');
}

export function listExportItemsByParent(db: SqliteDatabase, district: string, job: string, parentIds: string[]): ExportItem[] {
  const found: ExportItem[] = [];
  for (const ids of chunks([...new Set(parentIds)], ID_CHUNK)) {
    const list = placeholders(ids.length);
    const rows = statement(db, `SELECT * FROM export_items WHERE district = ? AND job = ? AND parent_id IN (${list})`)
      .all(district, job, ...ids) as ExportItemRow[];
    for (const row of rows) found.push(rowToExportItem(row));
    const packs = statement(db, `SELECT * FROM export_result_packs WHERE district = ? AND job = ? AND line_item_id IN (${list})`)
      .all(district, job, ...ids) as PackRow[];
    for (const pack of packs) unpack(pack, found);
  }
  return found;
}

/** Reads, changes and writes back each pack; the caller holds the transaction. */
function changePacks(db: SqliteDatabase, changes: readonly PackChange[]): void {
  const read = statement(db, 'SELECT hashes, updated_at FROM export_result_packs WHERE district = ? AND job = ? AND line_item_id = ?');
  const upsert = statement(db,
    `INSERT INTO export_result_packs (district, job, line_item_id, hashes, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (district, job, line_item_id) DO UPDATE SET hashes = excluded.hashes, updated_at = excluded.updated_at`);
  const remove = statement(db, 'DELETE FROM export_result_packs WHERE district = ? AND job = ? AND line_item_id = ?');
  for (const change of changes) {
    const next = nextPack(read.get(change.district, change.job, change.lineItemId) as StoredPack | undefined, change);
    if (next === null) remove.run(change.district, change.job, change.lineItemId);
    else upsert.run(change.district, change.job, change.lineItemId, next.hashes, next.updated_at);
  }
}

export function putExportItems(db: SqliteDatabase, items: ExportItem[]): void {
  const upsert = statement(db,
    `INSERT INTO export_items (district, job, item_id, kind, content_hash, parent_id, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (district, job, item_id) DO UPDATE SET
       kind = excluded.kind, content_hash = excluded.content_hash,
       parent_id = excluded.parent_id, updated_at = excluded.updated_at`,
  );
  const results = items.filter((item) => item.kind === 'result');
  db.transaction(() => {
    for (const item of items) {
      if (item.kind !== 'result') upsert.run(item.district, item.job, item.itemId, item.kind, item.contentHash, item.parentId, item.updatedAt);
    }
    changePacks(db, packPuts(results));
  })();
}

/** Deletes the items and, for lineItems, the results recorded under them. */
export function deleteExportItems(db: SqliteDatabase, district: string, job: string, items: ExportItemRef[]): void {
  const lineItemIds = [...new Set(items.filter((item) => item.kind !== 'result').map((item) => item.itemId))];
  const results = items.filter((item) => item.kind === 'result');
  db.transaction(() => {
    changePacks(db, packDeletes(district, job, results));
    for (const ids of chunks(lineItemIds, ID_CHUNK)) {
      const list = placeholders(ids.length);
      statement(db, `DELETE FROM export_result_packs WHERE district = ? AND job = ? AND line_item_id IN (${list})`).run(district, job, ...ids);
      statement(db, `DELETE FROM export_items WHERE district = ? AND job = ? AND item_id IN (${list})`).run(district, job, ...ids);
    }
  })();
}

export function clearExportItems(db: SqliteDatabase, district: string, job: string): void {
  db.transaction(() => {
    statement(db, 'DELETE FROM export_items WHERE district = ? AND job = ?').run(district, job);
    statement(db, 'DELETE FROM export_result_packs WHERE district = ? AND job = ?').run(district, job);
  })();
}

/** A table's rows of one job in key order, a page per read: no read transaction stays open between pages. */
function* keyPages<R>(db: SqliteDatabase, table: string, key: keyof R & string, size: number, district: string, job: string): Generator<R[]> {
  const first = statement(db, `SELECT * FROM ${table} WHERE district = ? AND job = ? ORDER BY ${key} LIMIT ?`);
  const next = statement(db, `SELECT * FROM ${table} WHERE district = ? AND job = ? AND ${key} > ? ORDER BY ${key} LIMIT ?`);
  let after: unknown;
  for (;;) {
    const rows = (after === undefined ? first.all(district, job, size) : next.all(district, job, after, size)) as R[];
    yield rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1]?.[key];
  }
}

/** LineItems by id, then results by lineItem and id. */
export async function* iterateExportItems(db: SqliteDatabase, district: string, job: string): AsyncGenerator<ExportItem> {
  for (const rows of keyPages<ExportItemRow>(db, 'export_items', 'item_id', PAGE_SIZE, district, job)) {
    for (const row of rows) yield rowToExportItem(row);
  }
  for (const packs of keyPages<PackRow>(db, 'export_result_packs', 'line_item_id', PACK_PAGE_SIZE, district, job)) {
    for (const pack of packs) yield* unpackSorted(pack);
  }
}

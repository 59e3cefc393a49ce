/** Grade-export checkpoints on SQLite: batched writes in one transaction, keyset-paged reads. */
import { chunks } from '../chunks.js';
import type { ExportItem } from '../types.js';
import { statement, type SqliteDatabase } from './db.js';
import { rowToExportItem, type ExportItemRow } from './rows.js';

/** Ids per IN (...) list; well under SQLite's bound-parameter limit. */
const ID_CHUNK = 500;
/** Rows per page when streaming; each page is its own short read. */
const PAGE_SIZE = 1000;

function placeholders(count: number): string {
  return new Array<string>(count).fill('?').join(', ');
}

export function getExportItems(db: SqliteDatabase, district: string, job: string, itemIds: string[]): Map<string, ExportItem> {
  const found = new Map<string, ExportItem>();
  for (const ids of chunks([...new Set(itemIds)], ID_CHUNK)) {
    const rows = statement(db, `SELECT * FROM export_items WHERE district = ? AND job = ? AND item_id IN (${placeholders(ids.length)})`)
      .all(district, job, ...ids) as ExportItemRow[];
    for (const row of rows) found.set(row.item_id, rowToExportItem(row));
  }
  return found;
}

// `+item_id` keeps SQLite on the parent index: sorting by the primary key would scan the whole job.
export function listExportItemsByParent(db: SqliteDatabase, district: string, job: string, parentIds: string[]): ExportItem[] {
  const found: ExportItem[] = [];
  for (const ids of chunks([...new Set(parentIds)], ID_CHUNK)) {
    const rows = statement(db, `SELECT * FROM export_items WHERE district = ? AND job = ? AND parent_id IN (${placeholders(ids.length)}) ORDER BY +item_id`)
      .all(district, job, ...ids) as ExportItemRow[];
    for (const row of rows) found.push(rowToExportItem(row));
  }
  return found;
}

export function putExportItems(db: SqliteDatabase, items: ExportItem[]): void {
  const upsert = statement(db, 
    `INSERT INTO export_items (district, job, item_id, kind, content_hash, parent_id, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (district, job, item_id) DO UPDATE SET
       kind = excluded.kind, content_hash = excluded.content_hash,
       parent_id = excluded.parent_id, updated_at = excluded.updated_at`,
  );
  db.transaction(() => {
    for (const item of items) {
      upsert.run(item.district, item.job, item.itemId, item.kind, item.contentHash, item.parentId, item.updatedAt);
    }
  })();
}

/** Deletes the items and, for lineItems, the results recorded under them. */
export function deleteExportItems(db: SqliteDatabase, district: string, job: string, itemIds: string[]): void {
  db.transaction(() => {
    for (const ids of chunks([...new Set(itemIds)], ID_CHUNK)) {
      const list = placeholders(ids.length);
      statement(db, `DELETE FROM export_items WHERE district = ? AND job = ? AND parent_id IN (${list})`).run(district, job, ...ids);
      statement(db, `DELETE FROM export_items WHERE district = ? AND job = ? AND item_id IN (${list})`).run(district, job, ...ids);
    }
  })();
}

export function clearExportItems(db: SqliteDatabase, district: string, job: string): void {
  statement(db, 'DELETE FROM export_items WHERE district = ? AND job = ?').run(district, job);
}

/** Pages by item_id so no read transaction stays open while the caller works on a page. */
export async function* iterateExportItems(db: SqliteDatabase, district: string, job: string): AsyncGenerator<ExportItem> {
  const first = statement(db, 'SELECT * FROM export_items WHERE district = ? AND job = ? ORDER BY item_id LIMIT ?');
  const next = statement(db, 'SELECT * FROM export_items WHERE district = ? AND job = ? AND item_id > ? ORDER BY item_id LIMIT ?');
  let after: string | undefined;
  for (;;) {
    const rows = (after === undefined ? first.all(district, job, PAGE_SIZE) : next.all(district, job, after, PAGE_SIZE)) as ExportItemRow[];
    for (const row of rows) yield rowToExportItem(row);
    if (rows.length < PAGE_SIZE) return;
    after = rows[rows.length - 1]?.item_id;
  }
}

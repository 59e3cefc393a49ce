/** Grade-export checkpoints on PostgreSQL: array-parameter batches in one transaction, keyset-paged reads. */
import { chunks } from '../chunks.js';
import type { ExportItem } from '../types.js';
import type { PgDatabase, Queryable } from './db.js';
import { rowToExportItem, type ExportItemRow } from './rows.js';

/** Rows per statement: large batches, bounded message size. */
const BATCH = 5000;
/** Rows per page when streaming; each page is its own short query. */
const PAGE_SIZE = 1000;

export async function getExportItems(db: Queryable, district: string, job: string, itemIds: string[]): Promise<Map<string, ExportItem>> {
  const found = new Map<string, ExportItem>();
  for (const ids of chunks([...new Set(itemIds)], BATCH)) {
    const rows = await db.query<ExportItemRow>(
      'SELECT * FROM export_items WHERE district = $1 AND job = $2 AND item_id = ANY($3::text[])',
      [district, job, ids],
    );
    for (const row of rows) found.set(row.item_id, rowToExportItem(row));
  }
  return found;
}

/** Items whose parent is one of `parentIds`, ordered by item id within each chunk of parents (as SQLite). */
export async function listExportItemsByParent(db: Queryable, district: string, job: string, parentIds: string[]): Promise<ExportItem[]> {
  const found: ExportItem[] = [];
  for (const ids of chunks([...new Set(parentIds)], BATCH)) {
    const rows = await db.query<ExportItemRow>(
      'SELECT * FROM export_items WHERE district = $1 AND job = $2 AND parent_id = ANY($3::text[]) ORDER BY item_id',
      [district, job, ids],
    );
    for (const row of rows) found.push(rowToExportItem(row));
  }
  return found;
}

/**
 * One upsert cannot touch a row twice, so repeated keys keep their last item (as successive
 * single-row upserts would). Rows go in key order so concurrent batches cannot deadlock.
 */
function lastPerKey(items: ExportItem[]): ExportItem[] {
  const byKey = new Map<string, ExportItem>();
  for (const item of items) byKey.set(JSON.stringify([item.district, item.job, item.itemId]), item);
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, item]) => item);
}

export async function putExportItems(db: PgDatabase, items: ExportItem[]): Promise<void> {
  if (items.length === 0) return;
  await db.transaction(async (tx) => {
    for (const batch of chunks(lastPerKey(items), BATCH)) {
      await tx.execute(
        `INSERT INTO export_items (district, job, item_id, kind, content_hash, parent_id, updated_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         ON CONFLICT (district, job, item_id) DO UPDATE SET
           kind = excluded.kind, content_hash = excluded.content_hash,
           parent_id = excluded.parent_id, updated_at = excluded.updated_at`,
        [
          batch.map((item) => item.district), batch.map((item) => item.job), batch.map((item) => item.itemId),
          batch.map((item) => item.kind), batch.map((item) => item.contentHash), batch.map((item) => item.parentId),
          batch.map((item) => item.updatedAt),
        ],
      );
    }
  });
}

/** Deletes the items and, for lineItems, the results recorded under them. */
export async function deleteExportItems(db: PgDatabase, district: string, job: string, itemIds: string[]): Promise<void> {
  if (itemIds.length === 0) return;
  await db.transaction(async (tx) => {
    for (const ids of chunks([...new Set(itemIds)].sort(), BATCH)) {
      await tx.execute('DELETE FROM export_items WHERE district = $1 AND job = $2 AND parent_id = ANY($3::text[])', [district, job, ids]);
      await tx.execute('DELETE FROM export_items WHERE district = $1 AND job = $2 AND item_id = ANY($3::text[])', [district, job, ids]);
    }
  });
}

export async function clearExportItems(db: Queryable, district: string, job: string): Promise<void> {
  await db.execute('DELETE FROM export_items WHERE district = $1 AND job = $2', [district, job]);
}

/** Pages by item_id (bytewise order, as the column's collation is "C"); no cursor stays open between pages. */
export async function* iterateExportItems(db: Queryable, district: string, job: string): AsyncGenerator<ExportItem> {
  let after: string | undefined;
  for (;;) {
    const rows = after === undefined
      ? await db.query<ExportItemRow>(
        'SELECT * FROM export_items WHERE district = $1 AND job = $2 ORDER BY item_id LIMIT $3', [district, job, PAGE_SIZE])
      : await db.query<ExportItemRow>(
        'SELECT * FROM export_items WHERE district = $1 AND job = $2 AND item_id > $3 ORDER BY item_id LIMIT $4',
        [district, job, after, PAGE_SIZE]);
    for (const row of rows) yield rowToExportItem(row);
    if (rows.length < PAGE_SIZE) return;
    after = rows[rows.length - 1]?.item_id;
  }
}

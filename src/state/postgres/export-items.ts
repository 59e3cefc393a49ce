/**
 * Grade-export checkpoints on PostgreSQL: lineItems one row each, results packed per lineItem (see
 * ../result-packs.ts); array-parameter batches in one transaction, keyset-paged reads.
 */
import { chunks } from '../chunks.js';
import { nextPack, packDeletes, packPuts, unpack, unpackSorted, type PackChange, type PackRow, type StoredPack } from '../result-packs.js';
import type { ExportItem, ExportItemRef } from '../types.js';
import type { PgDatabase, Queryable } from './db.js';
import { rowToExportItem, type ExportItemRow } from './rows.js';

/** Rows per statement: large batches, bounded message size. */
const BATCH = 5000;
/** Packs per statement (each holds a lineItem's results). */
const PACK_BATCH = 500;
/** LineItem rows per page when streaming; each page is its own short query. */
const PAGE_SIZE = 1000;
/** Packs per page when streaming. */
const PACK_PAGE_SIZE = 50;

export async function listExportItemsByParent(db: Queryable, district: string, job: string, parentIds: string[]): Promise<ExportItem[]> {
  const found: ExportItem[] = [];
  for (const ids of chunks([...new Set(parentIds)], BATCH)) {
    const rows = await db.query<ExportItemRow>(
      'SELECT * FROM export_items WHERE district = $1 AND job = $2 AND parent_id = ANY($3::text[])', [district, job, ids]);
    for (const row of rows) found.push(rowToExportItem(row));
    const packs = await db.query<PackRow>(
      'SELECT * FROM export_result_packs WHERE district = $1 AND job = $2 AND line_item_id = ANY($3::text[])', [district, job, ids]);
    for (const pack of packs) unpack(pack, found);
  }
  return found;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One upsert cannot touch a row twice, so repeated keys keep their last item (as successive
 * single-row upserts would). Rows go in key order so concurrent batches cannot deadlock.
 */
function lastPerKey(items: ExportItem[]): ExportItem[] {
  const latest = new Map<string, ExportItem>();
  for (const item of items) latest.set(JSON.stringify([item.district, item.job, item.itemId]), item);
  return [...latest.entries()].sort(([a], [b]) => byKey(a, b)).map(([, item]) => item);
}

/**
 * Reads (locked), changes and writes back each pack inside the caller's transaction. Packs are
 * locked in key order; a job's packs are written by one export at a time (it holds the district lock).
 */
async function changePacks(tx: Queryable, changes: PackChange[]): Promise<void> {
  const scopes = new Map<string, PackChange[]>();
  for (const change of changes) {
    const key = JSON.stringify([change.district, change.job]);
    const scope = scopes.get(key);
    if (scope === undefined) scopes.set(key, [change]);
    else scope.push(change);
  }
  for (const key of [...scopes.keys()].sort(byKey)) {
    const scopeChanges = (scopes.get(key) ?? []).sort((a, b) => byKey(a.lineItemId, b.lineItemId));
    for (const scope of chunks(scopeChanges, PACK_BATCH)) {
      const [{ district, job }] = scope as [PackChange];
      const stored = new Map<string, StoredPack>();
      const rows = await tx.query<PackRow>(
        `SELECT line_item_id, hashes, updated_at FROM export_result_packs
         WHERE district = $1 AND job = $2 AND line_item_id = ANY($3::text[]) ORDER BY line_item_id FOR UPDATE`,
        [district, job, scope.map((change) => change.lineItemId)]);
      for (const row of rows) stored.set(row.line_item_id, row);
      const upserts: Array<{ lineItemId: string; pack: StoredPack }> = [];
      const removed: string[] = [];
      for (const change of scope) {
        const pack = nextPack(stored.get(change.lineItemId), change);
        if (pack === null) removed.push(change.lineItemId);
        else upserts.push({ lineItemId: change.lineItemId, pack });
      }
      if (upserts.length > 0) {
        await tx.execute(
          `INSERT INTO export_result_packs (district, job, line_item_id, hashes, updated_at)
           SELECT $1::text, $2::text, * FROM unnest($3::text[], $4::text[], $5::text[])
           ON CONFLICT (district, job, line_item_id) DO UPDATE SET hashes = excluded.hashes, updated_at = excluded.updated_at`,
          [district, job, upserts.map((entry) => entry.lineItemId), upserts.map((entry) => entry.pack.hashes), upserts.map((entry) => entry.pack.updated_at)]);
      }
      if (removed.length > 0) {
        await tx.execute('DELETE FROM export_result_packs WHERE district = $1 AND job = $2 AND line_item_id = ANY($3::text[])', [district, job, removed]);
      }
    }
  }
}

export async function putExportItems(db: PgDatabase, items: ExportItem[]): Promise<void> {
  if (items.length === 0) return;
  const lineItems = lastPerKey(items.filter((item) => item.kind !== 'result'));
  const results = items.filter((item) => item.kind === 'result');
  await db.transaction(async (tx) => {
    for (const batch of chunks(lineItems, BATCH)) {
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
    await changePacks(tx, packPuts(results));
  });
}

/** Deletes the items and, for lineItems, the results recorded under them. */
export async function deleteExportItems(db: PgDatabase, district: string, job: string, items: ExportItemRef[]): Promise<void> {
  if (items.length === 0) return;
  const lineItemIds = [...new Set(items.filter((item) => item.kind !== 'result').map((item) => item.itemId))].sort(byKey);
  const results = items.filter((item) => item.kind === 'result');
  await db.transaction(async (tx) => {
    await changePacks(tx, packDeletes(district, job, results));
    for (const ids of chunks(lineItemIds, BATCH)) {
      await tx.execute('DELETE FROM export_result_packs WHERE district = $1 AND job = $2 AND line_item_id = ANY($3::text[])', [district, job, ids]);
      await tx.execute('DELETE FROM export_items WHERE district = $1 AND job = $2 AND item_id = ANY($3::text[])', [district, job, ids]);
    }
  });
}

export async function clearExportItems(db: PgDatabase, district: string, job: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute('DELETE FROM export_items WHERE district = $1 AND job = $2', [district, job]);
    await tx.execute('DELETE FROM export_result_packs WHERE district = $1 AND job = $2', [district, job]);
  });
}

/** A table's rows of one job in key order, a page per query: no cursor stays open between pages. */
async function* keyPages<R>(db: Queryable, table: string, key: keyof R & string, size: number, district: string, job: string): AsyncGenerator<R[]> {
  let after: unknown;
  for (;;) {
    const rows = after === undefined
      ? await db.query<R>(`SELECT * FROM ${table} WHERE district = $1 AND job = $2 ORDER BY ${key} LIMIT $3`, [district, job, size])
      : await db.query<R>(`SELECT * FROM ${table} WHERE district = $1 AND job = $2 AND ${key} > $4 ORDER BY ${key} LIMIT $3`, [district, job, size, after]);
    yield rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1]?.[key];
  }
}

/** LineItems by id, then results by lineItem and id (bytewise order: the key columns' collation is "C"). */
export async function* iterateExportItems(db: Queryable, district: string, job: string): AsyncGenerator<ExportItem> {
  for await (const rows of keyPages<ExportItemRow>(db, 'export_items', 'item_id', PAGE_SIZE, district, job)) {
    for (const row of rows) yield rowToExportItem(row);
  }
  for await (const packs of keyPages<PackRow>(db, 'export_result_packs', 'line_item_id', PACK_PAGE_SIZE, district, job)) {
    for (const pack of packs) yield* unpackSorted(pack);
  }
}

import { exportItemsTable, POSTGRES, SQLITE, type ColumnTypes } from './001-initial.js';
import type { StoreMigration } from './types.js';

/**
 * Result checkpoints move from one row each to one pack per lineItem (see state/result-packs.ts):
 * `hashes` is a JSON object of result id -> content hash. Existing checkpoints are carried over,
 * so the next export after the upgrade still writes only what changed. export_items keeps its
 * lineItems in a rebuilt table: deleting a million result rows one by one from its two indexes
 * took most of the upgrade's time (9.5 of 12.5 s on SQLite), copying the lineItems takes none.
 */
function statements(t: ColumnTypes, packsOf: string): string[] {
  return [
    `CREATE TABLE export_result_packs (
      district ${t.sortedText} NOT NULL,
      job ${t.sortedText} NOT NULL,
      line_item_id ${t.sortedText} NOT NULL,
      hashes TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (district, job, line_item_id)
    )`,
    `INSERT INTO export_result_packs (district, job, line_item_id, hashes, updated_at)
      SELECT district, job, parent_id, ${packsOf}, MAX(updated_at)
      FROM export_items WHERE kind = 'result' AND parent_id IS NOT NULL
      GROUP BY district, job, parent_id`,
    exportItemsTable(t, 'export_line_items'),
    `INSERT INTO export_line_items (district, job, item_id, kind, content_hash, parent_id, updated_at)
      SELECT district, job, item_id, kind, content_hash, parent_id, updated_at FROM export_items WHERE kind <> 'result'`,
    'DROP TABLE export_items',
    'ALTER TABLE export_line_items RENAME TO export_items',
    'CREATE INDEX export_items_parent ON export_items (district, job, parent_id)',
  ];
}

export const exportResultPacks: StoreMigration = {
  version: 4,
  name: 'export-result-packs',
  statements: {
    sqlite: statements(SQLITE, 'json_group_object(item_id, content_hash)'),
    postgres: statements(POSTGRES, 'json_object_agg(item_id, content_hash)::text'),
  },
};

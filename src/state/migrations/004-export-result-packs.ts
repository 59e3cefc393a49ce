import type { StoreMigration } from './types.js';

function packTable(sortedText: string): string {
  return `CREATE TABLE export_result_packs (
      district ${sortedText} NOT NULL,
      job ${sortedText} NOT NULL,
      line_item_id ${sortedText} NOT NULL,
      hashes TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (district, job, line_item_id)
    )`;
}

const DROP_RESULT_ROWS = "DELETE FROM export_items WHERE kind = 'result'";

/**
 * Result checkpoints move from one row each to one pack per lineItem (see state/result-packs.ts):
 * `hashes` is a JSON object of result id -> content hash. Existing checkpoints are carried over,
 * so the next export after the upgrade still writes only what changed.
 */
export const exportResultPacks: StoreMigration = {
  version: 4,
  name: 'export-result-packs',
  statements: {
    sqlite: [
      packTable('TEXT'),
      `INSERT INTO export_result_packs (district, job, line_item_id, hashes, updated_at)
        SELECT district, job, parent_id, json_group_object(item_id, content_hash), MAX(updated_at)
        FROM export_items WHERE kind = 'result' AND parent_id IS NOT NULL
        GROUP BY district, job, parent_id`,
      DROP_RESULT_ROWS,
    ],
    postgres: [
      packTable('TEXT COLLATE "C"'),
      `INSERT INTO export_result_packs (district, job, line_item_id, hashes, updated_at)
        SELECT district, job, parent_id, json_object_agg(item_id, content_hash)::text, MAX(updated_at)
        FROM export_items WHERE kind = 'result' AND parent_id IS NOT NULL
        GROUP BY district, job, parent_id`,
      DROP_RESULT_ROWS,
    ],
  },
};

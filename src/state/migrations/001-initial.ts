import type { StoreMigration } from './types.js';

/** The column types that differ between the backends; everything else is written once. */
export interface ColumnTypes {
  /** Text that is compared or sorted: bytewise on both backends. */
  sortedText: string;
  bool: string;
  json: string;
  /** An auto-numbered integer primary key. */
  serialKey: string;
}

// SQLite types are kept to TEXT/INTEGER; it compares text bytewise already.
export const SQLITE: ColumnTypes = {
  sortedText: 'TEXT',
  bool: 'INTEGER',
  json: 'TEXT',
  serialKey: 'INTEGER PRIMARY KEY',
};

// Text keys sort bytewise (COLLATE "C") as in SQLite, whatever the database's locale.
// JSON is stored as `json`, not `jsonb`, so values come back with their key order intact.
// Timestamps stay ISO text: stores and lock leases follow the store's injectable clock.
export const POSTGRES: ColumnTypes = {
  sortedText: 'TEXT COLLATE "C"',
  bool: 'BOOLEAN',
  json: 'JSON',
  serialKey: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
};

/** The grade-export checkpoints table under `name` (migration 4 rebuilds it under another name). */
export function exportItemsTable(t: ColumnTypes, name: string): string {
  return `CREATE TABLE ${name} (
        district ${t.sortedText} NOT NULL,
        job ${t.sortedText} NOT NULL,
        item_id ${t.sortedText} NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('lineItem', 'result')),
        content_hash TEXT NOT NULL,
        parent_id ${t.sortedText},
        updated_at TEXT NOT NULL,
        PRIMARY KEY (district, job, item_id)
      )`;
}

function statements(t: ColumnTypes): string[] {
  return [
    `CREATE TABLE meta (
        key ${t.sortedText} PRIMARY KEY,
        value TEXT NOT NULL
      )`,
    `CREATE TABLE links (
        district ${t.sortedText} PRIMARY KEY,
        vendor TEXT NOT NULL,
        base_url TEXT NOT NULL,
        token_url TEXT NOT NULL,
        one_roster_version TEXT NOT NULL,
        auth TEXT NOT NULL,
        client_key TEXT NOT NULL,
        secret_ref TEXT NOT NULL,
        secret_fingerprint TEXT NOT NULL,
        active_record TEXT,
        enabled ${t.bool} NOT NULL,
        consent_sis_support ${t.bool} NOT NULL,
        roster_import ${t.bool} NOT NULL,
        grade_export ${t.bool} NOT NULL,
        domain TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        applied_plan_hash TEXT
      )`,
    `CREATE TABLE locks (
        district ${t.sortedText} PRIMARY KEY,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        since TEXT NOT NULL,
        purpose TEXT NOT NULL,
        token TEXT NOT NULL,
        expires_at TEXT NOT NULL
      )`,
    `CREATE TABLE journal (
        id ${t.serialKey},
        run_id TEXT NOT NULL,
        district ${t.sortedText} NOT NULL,
        action_id ${t.sortedText} NOT NULL,
        plan_hash TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('intent', 'done', 'failed')),
        data ${t.json} NOT NULL,
        result ${t.json},
        error TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT
      )`,
    'CREATE INDEX journal_district_action ON journal (district, action_id, id)',
    'CREATE INDEX journal_district_status ON journal (district, status, id)',
    `CREATE TABLE manual_steps (
        district ${t.sortedText} NOT NULL,
        id ${t.sortedText} NOT NULL,
        title TEXT NOT NULL,
        instructions ${t.json} NOT NULL,
        step_values ${t.json} NOT NULL,
        created_at ${t.sortedText} NOT NULL,
        plan_hash TEXT NOT NULL,
        attested_by TEXT,
        attested_at TEXT,
        PRIMARY KEY (district, id)
      )`,
    `CREATE TABLE district_values (
        district ${t.sortedText} NOT NULL,
        value_key ${t.sortedText} NOT NULL,
        value_json ${t.json} NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (district, value_key)
      )`,
    exportItemsTable(t, 'export_items'),
    'CREATE INDEX export_items_parent ON export_items (district, job, parent_id)',
    `CREATE TABLE runs (
        id ${t.sortedText} PRIMARY KEY,
        district ${t.sortedText} NOT NULL,
        kind TEXT NOT NULL,
        started_at ${t.sortedText} NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed')),
        summary ${t.json}
      )`,
    'CREATE INDEX runs_district_started ON runs (district, started_at)',
  ];
}

/** First schema: every table the StateStore interface needs, written once for both backends. */
export const initial: StoreMigration = {
  version: 1,
  name: 'initial',
  statements: { sqlite: statements(SQLITE), postgres: statements(POSTGRES) },
};

import type { StoreMigration } from './types.js';

/** First schema: every table the StateStore interface needs. SQLite types kept to TEXT/INTEGER. */
export const initial: StoreMigration = {
  version: 1,
  name: 'initial',
  statements: {
    sqlite: [
      `CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      )`,
      `CREATE TABLE links (
        district TEXT PRIMARY KEY,
        vendor TEXT NOT NULL,
        base_url TEXT NOT NULL,
        token_url TEXT NOT NULL,
        one_roster_version TEXT NOT NULL,
        auth TEXT NOT NULL,
        client_key TEXT NOT NULL,
        secret_ref TEXT NOT NULL,
        secret_fingerprint TEXT NOT NULL,
        active_record TEXT,
        enabled INTEGER NOT NULL,
        consent_sis_support INTEGER NOT NULL,
        roster_import INTEGER NOT NULL,
        grade_export INTEGER NOT NULL,
        domain TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        applied_plan_hash TEXT
      )`,
      `CREATE TABLE locks (
        district TEXT PRIMARY KEY,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        since TEXT NOT NULL,
        purpose TEXT NOT NULL,
        token TEXT NOT NULL,
        expires_at TEXT NOT NULL
      )`,
      `CREATE TABLE journal (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL,
        district TEXT NOT NULL,
        action_id TEXT NOT NULL,
        plan_hash TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('intent', 'done', 'failed')),
        data TEXT NOT NULL,
        result TEXT,
        error TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT
      )`,
      'CREATE INDEX journal_district_action ON journal (district, action_id, id)',
      'CREATE INDEX journal_district_status ON journal (district, status, id)',
      `CREATE TABLE manual_steps (
        district TEXT NOT NULL,
        id TEXT NOT NULL,
        title TEXT NOT NULL,
        instructions TEXT NOT NULL,
        step_values TEXT NOT NULL,
        created_at TEXT NOT NULL,
        plan_hash TEXT NOT NULL,
        attested_by TEXT,
        attested_at TEXT,
        PRIMARY KEY (district, id)
      )`,
      `CREATE TABLE district_values (
        district TEXT NOT NULL,
        value_key TEXT NOT NULL,
        value_json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (district, value_key)
      )`,
      `CREATE TABLE export_items (
        district TEXT NOT NULL,
        job TEXT NOT NULL,
        item_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('lineItem', 'result')),
        content_hash TEXT NOT NULL,
        parent_id TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (district, job, item_id)
      )`,
      'CREATE INDEX export_items_parent ON export_items (district, job, parent_id)',
      `CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        district TEXT NOT NULL,
        kind TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed')),
        summary TEXT
      )`,
      'CREATE INDEX runs_district_started ON runs (district, started_at)',
    ],
    // Text keys sort bytewise (COLLATE "C") as in SQLite, whatever the database's locale.
    // JSON is stored as `json`, not `jsonb`, so values come back with their key order intact.
    // Timestamps stay ISO text: stores and lock leases follow the store's injectable clock.
    postgres: [
      `CREATE TABLE meta (
        key TEXT COLLATE "C" PRIMARY KEY,
        value TEXT NOT NULL
      )`,
      `CREATE TABLE links (
        district TEXT COLLATE "C" PRIMARY KEY,
        vendor TEXT NOT NULL,
        base_url TEXT NOT NULL,
        token_url TEXT NOT NULL,
        one_roster_version TEXT NOT NULL,
        auth TEXT NOT NULL,
        client_key TEXT NOT NULL,
        secret_ref TEXT NOT NULL,
        secret_fingerprint TEXT NOT NULL,
        active_record TEXT,
        enabled BOOLEAN NOT NULL,
        consent_sis_support BOOLEAN NOT NULL,
        roster_import BOOLEAN NOT NULL,
        grade_export BOOLEAN NOT NULL,
        domain TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        applied_plan_hash TEXT
      )`,
      `CREATE TABLE locks (
        district TEXT COLLATE "C" PRIMARY KEY,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        since TEXT NOT NULL,
        purpose TEXT NOT NULL,
        token TEXT NOT NULL,
        expires_at TEXT NOT NULL
      )`,
      `CREATE TABLE journal (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        run_id TEXT NOT NULL,
        district TEXT COLLATE "C" NOT NULL,
        action_id TEXT COLLATE "C" NOT NULL,
        plan_hash TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('intent', 'done', 'failed')),
        data JSON NOT NULL,
        result JSON,
        error TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT
      )`,
      'CREATE INDEX journal_district_action ON journal (district, action_id, id)',
      'CREATE INDEX journal_district_status ON journal (district, status, id)',
      `CREATE TABLE manual_steps (
        district TEXT COLLATE "C" NOT NULL,
        id TEXT COLLATE "C" NOT NULL,
        title TEXT NOT NULL,
        instructions JSON NOT NULL,
        step_values JSON NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        plan_hash TEXT NOT NULL,
        attested_by TEXT,
        attested_at TEXT,
        PRIMARY KEY (district, id)
      )`,
      `CREATE TABLE district_values (
        district TEXT COLLATE "C" NOT NULL,
        value_key TEXT COLLATE "C" NOT NULL,
        value_json JSON NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (district, value_key)
      )`,
      `CREATE TABLE export_items (
        district TEXT COLLATE "C" NOT NULL,
        job TEXT COLLATE "C" NOT NULL,
        item_id TEXT COLLATE "C" NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('lineItem', 'result')),
        content_hash TEXT NOT NULL,
        parent_id TEXT COLLATE "C",
        updated_at TEXT NOT NULL,
        PRIMARY KEY (district, job, item_id)
      )`,
      'CREATE INDEX export_items_parent ON export_items (district, job, parent_id)',
      `CREATE TABLE runs (
        id TEXT COLLATE "C" PRIMARY KEY,
        district TEXT COLLATE "C" NOT NULL,
        kind TEXT NOT NULL,
        started_at TEXT COLLATE "C" NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed')),
        summary JSON
      )`,
      'CREATE INDEX runs_district_started ON runs (district, started_at)',
    ],
  },
};

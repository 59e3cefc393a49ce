/**
 * Row -> record mapping shared by the backends. Column names are the same everywhere; only how
 * booleans and JSON come back from the driver differs, and each backend passes a codec for that.
 */
import type { ExportItem, JournalEntry, LinkRecord, ManualStep, RunRecord } from './types.js';

export interface ColumnCodec<Bool, Json> {
  bool(value: Bool): boolean;
  json(value: Json): unknown;
}

export interface LinkRowOf<Bool> {
  district: string;
  vendor: string;
  base_url: string;
  token_url: string;
  one_roster_version: string;
  auth: string;
  client_key: string;
  secret_ref: string;
  secret_fingerprint: string;
  active_record: string | null;
  enabled: Bool;
  consent_sis_support: Bool;
  roster_import: Bool;
  grade_export: Bool;
  domain: string;
  updated_at: string;
  applied_plan_hash: string | null;
}

export function decodeLink<Bool>(row: LinkRowOf<Bool>, codec: ColumnCodec<Bool, unknown>): LinkRecord {
  return {
    district: row.district,
    vendor: row.vendor,
    baseUrl: row.base_url,
    tokenUrl: row.token_url,
    oneRosterVersion: row.one_roster_version,
    auth: row.auth,
    key: row.client_key,
    secretRef: row.secret_ref,
    secretFingerprint: row.secret_fingerprint,
    activeRecord: row.active_record,
    enabled: codec.bool(row.enabled),
    consentSisSupport: codec.bool(row.consent_sis_support),
    rosterImport: codec.bool(row.roster_import),
    gradeExport: codec.bool(row.grade_export),
    domain: row.domain,
    updatedAt: row.updated_at,
    appliedPlanHash: row.applied_plan_hash,
  };
}

export interface JournalRowOf<Id, Json> {
  id: Id;
  run_id: string;
  district: string;
  action_id: string;
  plan_hash: string;
  status: JournalEntry['status'];
  data: Json;
  result: Json | null;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

/** `Number(id)`: PostgreSQL returns BIGINT as a string. */
export function decodeJournal<Json>(row: JournalRowOf<number | string, Json>, codec: ColumnCodec<unknown, Json>): JournalEntry {
  return {
    id: Number(row.id),
    runId: row.run_id,
    district: row.district,
    actionId: row.action_id,
    planHash: row.plan_hash,
    status: row.status,
    data: codec.json(row.data) as Record<string, unknown>,
    result: row.result === null ? null : (codec.json(row.result) as Record<string, unknown>),
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export interface ManualStepRowOf<Json> {
  district: string;
  id: string;
  title: string;
  instructions: Json;
  step_values: Json;
  created_at: string;
  plan_hash: string;
  attested_by: string | null;
  attested_at: string | null;
}

export function decodeManualStep<Json>(row: ManualStepRowOf<Json>, codec: ColumnCodec<unknown, Json>): ManualStep {
  return {
    district: row.district,
    id: row.id,
    title: row.title,
    instructions: codec.json(row.instructions) as string[],
    values: codec.json(row.step_values) as Record<string, string>,
    createdAt: row.created_at,
    planHash: row.plan_hash,
    attestedBy: row.attested_by,
    attestedAt: row.attested_at,
  };
}

export interface RunRowOf<Json> {
  id: string;
  district: string;
  kind: string;
  started_at: string;
  finished_at: string | null;
  outcome: RunRecord['outcome'];
  summary: Json | null;
}

export function decodeRun<Json>(row: RunRowOf<Json>, codec: ColumnCodec<unknown, Json>): RunRecord {
  return {
    id: row.id,
    district: row.district,
    kind: row.kind,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    summary: row.summary === null ? null : (codec.json(row.summary) as Record<string, unknown>),
  };
}

/** Export items hold no booleans or JSON: one row type for both backends. */
export interface ExportItemRow {
  district: string;
  job: string;
  item_id: string;
  kind: ExportItem['kind'];
  content_hash: string;
  parent_id: string | null;
  updated_at: string;
}

export function rowToExportItem(row: ExportItemRow): ExportItem {
  return {
    district: row.district,
    job: row.job,
    itemId: row.item_id,
    kind: row.kind,
    contentHash: row.content_hash,
    parentId: row.parent_id,
    updatedAt: row.updated_at,
  };
}

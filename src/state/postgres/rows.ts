/** Row <-> record mapping for PostgreSQL: native booleans, `json` columns arrive parsed. */
import type { ExportItem, JournalEntry, LinkRecord, ManualStep, RunRecord } from '../types.js';

export const LINK_COLUMNS = [
  'district', 'vendor', 'base_url', 'token_url', 'one_roster_version', 'auth', 'client_key', 'secret_ref',
  'secret_fingerprint', 'active_record', 'enabled', 'consent_sis_support', 'roster_import', 'grade_export',
  'domain', 'updated_at', 'applied_plan_hash',
] as const;

export interface LinkRow {
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
  enabled: boolean;
  consent_sis_support: boolean;
  roster_import: boolean;
  grade_export: boolean;
  domain: string;
  updated_at: string;
  applied_plan_hash: string | null;
}

/** Values in LINK_COLUMNS order. */
export function linkValues(link: LinkRecord): unknown[] {
  return [
    link.district, link.vendor, link.baseUrl, link.tokenUrl, link.oneRosterVersion, link.auth, link.key, link.secretRef,
    link.secretFingerprint, link.activeRecord, link.enabled, link.consentSisSupport, link.rosterImport, link.gradeExport,
    link.domain, link.updatedAt, link.appliedPlanHash,
  ];
}

export function rowToLink(row: LinkRow): LinkRecord {
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
    enabled: row.enabled,
    consentSisSupport: row.consent_sis_support,
    rosterImport: row.roster_import,
    gradeExport: row.grade_export,
    domain: row.domain,
    updatedAt: row.updated_at,
    appliedPlanHash: row.applied_plan_hash,
  };
}

export interface JournalRow {
  /** BIGINT arrives as a string. */
  id: string;
  run_id: string;
  district: string;
  action_id: string;
  plan_hash: string;
  status: JournalEntry['status'];
  data: Record<string, unknown>;
  result: Record<string, unknown> | null;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

export function rowToJournal(row: JournalRow): JournalEntry {
  return {
    id: Number(row.id),
    runId: row.run_id,
    district: row.district,
    actionId: row.action_id,
    planHash: row.plan_hash,
    status: row.status,
    data: row.data,
    result: row.result,
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export interface ManualStepRow {
  district: string;
  id: string;
  title: string;
  instructions: string[];
  step_values: Record<string, string>;
  created_at: string;
  plan_hash: string;
  attested_by: string | null;
  attested_at: string | null;
}

export function rowToManualStep(row: ManualStepRow): ManualStep {
  return {
    district: row.district,
    id: row.id,
    title: row.title,
    instructions: row.instructions,
    values: row.step_values,
    createdAt: row.created_at,
    planHash: row.plan_hash,
    attestedBy: row.attested_by,
    attestedAt: row.attested_at,
  };
}

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

export interface RunRow {
  id: string;
  district: string;
  kind: string;
  started_at: string;
  finished_at: string | null;
  outcome: RunRecord['outcome'];
  summary: Record<string, unknown> | null;
}

export function rowToRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    district: row.district,
    kind: row.kind,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    summary: row.summary,
  };
}

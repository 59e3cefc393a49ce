/** Row <-> record mapping. Booleans are stored as 0/1 and objects as JSON text. */
import type { ExportItem, JournalEntry, LinkRecord, ManualStep, RunRecord } from '../types.js';

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
  enabled: number;
  consent_sis_support: number;
  roster_import: number;
  grade_export: number;
  domain: string;
  updated_at: string;
  applied_plan_hash: string | null;
}

export function linkToRow(link: LinkRecord): LinkRow {
  return {
    district: link.district,
    vendor: link.vendor,
    base_url: link.baseUrl,
    token_url: link.tokenUrl,
    one_roster_version: link.oneRosterVersion,
    auth: link.auth,
    client_key: link.key,
    secret_ref: link.secretRef,
    secret_fingerprint: link.secretFingerprint,
    active_record: link.activeRecord,
    enabled: link.enabled ? 1 : 0,
    consent_sis_support: link.consentSisSupport ? 1 : 0,
    roster_import: link.rosterImport ? 1 : 0,
    grade_export: link.gradeExport ? 1 : 0,
    domain: link.domain,
    updated_at: link.updatedAt,
    applied_plan_hash: link.appliedPlanHash,
  };
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
    enabled: row.enabled === 1,
    consentSisSupport: row.consent_sis_support === 1,
    rosterImport: row.roster_import === 1,
    gradeExport: row.grade_export === 1,
    domain: row.domain,
    updatedAt: row.updated_at,
    appliedPlanHash: row.applied_plan_hash,
  };
}

export interface JournalRow {
  id: number;
  run_id: string;
  district: string;
  action_id: string;
  plan_hash: string;
  status: JournalEntry['status'];
  data: string;
  result: string | null;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

export function rowToJournal(row: JournalRow): JournalEntry {
  return {
    id: row.id,
    runId: row.run_id,
    district: row.district,
    actionId: row.action_id,
    planHash: row.plan_hash,
    status: row.status,
    data: JSON.parse(row.data) as Record<string, unknown>,
    result: row.result === null ? null : (JSON.parse(row.result) as Record<string, unknown>),
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export interface ManualStepRow {
  district: string;
  id: string;
  title: string;
  instructions: string;
  step_values: string;
  created_at: string;
  plan_hash: string;
  attested_by: string | null;
  attested_at: string | null;
}

export function manualStepToRow(step: ManualStep): ManualStepRow {
  return {
    district: step.district,
    id: step.id,
    title: step.title,
    instructions: JSON.stringify(step.instructions),
    step_values: JSON.stringify(step.values),
    created_at: step.createdAt,
    plan_hash: step.planHash,
    attested_by: step.attestedBy,
    attested_at: step.attestedAt,
  };
}

export function rowToManualStep(row: ManualStepRow): ManualStep {
  return {
    district: row.district,
    id: row.id,
    title: row.title,
    instructions: JSON.parse(row.instructions) as string[],
    values: JSON.parse(row.step_values) as Record<string, string>,
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
  summary: string | null;
}

export function rowToRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    district: row.district,
    kind: row.kind,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    summary: row.summary === null ? null : (JSON.parse(row.summary) as Record<string, unknown>),
  };
}

/** Row <-> record mapping for SQLite: booleans are stored as 0/1 and objects as JSON text. */
import {
  decodeJournal, decodeLink, decodeManualStep, decodeRun,
  type ColumnCodec, type JournalRowOf, type LinkRowOf, type ManualStepRowOf, type RunRowOf,
} from '../rows.js';
import type { JournalEntry, LinkRecord, ManualStep, RunRecord } from '../types.js';

export { rowToExportItem, type ExportItemRow } from '../rows.js';

export type LinkRow = LinkRowOf<number>;
export type JournalRow = JournalRowOf<number, string>;
export type ManualStepRow = ManualStepRowOf<string>;
export type RunRow = RunRowOf<string>;

const columns: ColumnCodec<number, string> = {
  bool: (value) => value === 1,
  json: (value) => JSON.parse(value),
};

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
  return decodeLink(row, columns);
}

export function rowToJournal(row: JournalRow): JournalEntry {
  return decodeJournal(row, columns);
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
  return decodeManualStep(row, columns);
}

export function rowToRun(row: RunRow): RunRecord {
  return decodeRun(row, columns);
}

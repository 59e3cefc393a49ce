/** Row <-> record mapping for PostgreSQL: native booleans, `json` columns arrive parsed. */
import {
  decodeJournal, decodeLink, decodeManualStep, decodeRun,
  type ColumnCodec, type JournalRowOf, type LinkRowOf, type ManualStepRowOf, type RunRowOf,
} from '../rows.js';
import type { JournalEntry, LinkRecord, ManualStep, RunRecord } from '../types.js';

export { rowToExportItem, type ExportItemRow } from '../rows.js';

export const LINK_COLUMNS = [
  'district', 'vendor', 'base_url', 'token_url', 'one_roster_version', 'auth', 'client_key', 'secret_ref',
  'secret_fingerprint', 'active_record', 'enabled', 'consent_sis_support', 'roster_import', 'grade_export',
  'domain', 'updated_at', 'applied_plan_hash',
] as const;

export type LinkRow = LinkRowOf<boolean>;
/** BIGINT arrives as a string. */
export type JournalRow = JournalRowOf<string, Record<string, unknown>>;
export type ManualStepRow = ManualStepRowOf<unknown>;
export type RunRow = RunRowOf<Record<string, unknown>>;

const columns: ColumnCodec<boolean, unknown> = {
  bool: (value) => value,
  json: (value) => value,
};

/** Values in LINK_COLUMNS order. */
export function linkValues(link: LinkRecord): unknown[] {
  return [
    link.district, link.vendor, link.baseUrl, link.tokenUrl, link.oneRosterVersion, link.auth, link.key, link.secretRef,
    link.secretFingerprint, link.activeRecord, link.enabled, link.consentSisSupport, link.rosterImport, link.gradeExport,
    link.domain, link.updatedAt, link.appliedPlanHash,
  ];
}

export function rowToLink(row: LinkRow): LinkRecord {
  return decodeLink(row, columns);
}

export function rowToJournal(row: JournalRow): JournalEntry {
  return decodeJournal(row, columns);
}

export function rowToManualStep(row: ManualStepRow): ManualStep {
  return decodeManualStep(row, columns);
}

export function rowToRun(row: RunRow): RunRecord {
  return decodeRun(row, columns);
}

/**
 * Applies recorded in the audit log, matched to config versions by git commit or by the blob hash
 * of the file that was applied (a later commit that left the file alone applies the same blob).
 */
import type { AuditLocation } from '../audit/for-state.js';
import { readAuditEvents } from '../audit/records.js';
import type { AuditRecord } from '../audit/types.js';

export interface ApplyRecord {
  time: string;
  actor: string;
  district: string | undefined;
  outcome: string | undefined;
  /** From run.finish details: a fresh plan after the apply showed no change. */
  converged: boolean | undefined;
  planHash: string | undefined;
  gitCommit: string | undefined;
}

/** Finished apply runs (run.finish) of an audit log, oldest first. */
export function readApplyRuns(location: AuditLocation): Promise<AuditRecord[]> {
  return readAuditEvents(location, ['run.finish']);
}

export function toApplyRecord(record: AuditRecord): ApplyRecord {
  const converged = record.details?.converged;
  return {
    time: record.time,
    actor: record.actor,
    district: record.district,
    outcome: record.outcome,
    converged: typeof converged === 'boolean' ? converged : undefined,
    planHash: record.planHash,
    gitCommit: record.gitCommit,
  };
}

/** The runs (from readApplyRuns) that applied this version of a file. */
export function appliesOf(runs: readonly AuditRecord[], version: { commit: string; blob: string | undefined }): ApplyRecord[] {
  return runs
    .filter((record) => record.gitCommit === version.commit || (version.blob !== undefined && record.blobHash === version.blob))
    .map(toApplyRecord);
}

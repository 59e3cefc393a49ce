/**
 * Applies recorded in the audit log, matched to config versions by git commit or by the blob hash
 * of the file that was applied (a later commit that left the file alone applies the same blob).
 */
import { readFile } from 'node:fs/promises';
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

/** Audit records in file order; a missing log is empty, unreadable lines are skipped. */
export async function readAuditRecords(path: string): Promise<AuditRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return [];
  }
  const records: AuditRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const record = JSON.parse(line) as AuditRecord;
      if (typeof record.event === 'string') records.push(record);
    } catch {
      // A torn last line is the log's own business (sislink audit verify); history skips it.
    }
  }
  return records;
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

/** Finished apply runs (run.finish), oldest first. */
export function applyRuns(records: readonly AuditRecord[]): AuditRecord[] {
  return records.filter((record) => record.event === 'run.finish');
}

export function appliesOf(records: readonly AuditRecord[], version: { commit: string; blob: string | undefined }): ApplyRecord[] {
  return applyRuns(records)
    .filter((record) => record.gitCommit === version.commit || (version.blob !== undefined && record.blobHash === version.blob))
    .map(toApplyRecord);
}

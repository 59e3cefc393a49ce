/**
 * Audit records for readers (history, report) from any state's log, streamed: a file line by
 * line, a database chain page by page. Only the records of the events asked for are kept, so
 * memory follows what the reader needs, not the length of the log.
 */
import { readRawLines } from './lines.js';
import { auditLocationForState, type AuditForStateOptions, type AuditLocation } from './for-state.js';
import type { AuditRecord } from './types.js';

async function* lineTexts(location: AuditLocation): AsyncGenerator<string> {
  if (location.kind === 'chain') {
    for await (const stored of (await location.source.chain()).lines()) yield stored.line;
    return;
  }
  try {
    for await (const line of readRawLines(location.path)) yield line.bytes.toString('utf8');
  } catch (error) {
    // A log not written yet has no records.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Records of these events in log order; unreadable lines are skipped (`sislink audit verify` reports them). */
export async function readAuditEvents(location: AuditLocation, events: readonly string[]): Promise<AuditRecord[]> {
  const wanted = new Set(events);
  const records: AuditRecord[] = [];
  for await (const line of lineTexts(location)) {
    // Most lines are other events: a substring test spares their JSON.parse.
    if (!events.some((event) => line.includes(event))) continue;
    try {
      const record = JSON.parse(line) as AuditRecord;
      if (wanted.has(record.event)) records.push(record);
    } catch {
      // A torn last line is the log's own business.
    }
  }
  return records;
}

/** Runs `work` on the audit log of this state (file or database chain), then closes what it opened. */
export async function withAuditLocation<T>(stateUrl: string, options: AuditForStateOptions, work: (location: AuditLocation) => Promise<T>): Promise<T> {
  const location = auditLocationForState(stateUrl, options);
  try {
    return await work(location);
  } finally {
    if (location.kind === 'chain') await location.source.close();
  }
}

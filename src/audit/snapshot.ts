/**
 * Readers that take an audit log file (history, report) get one for any state: the file itself,
 * or a private export of the database chain, removed afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportAuditLog } from './export.js';
import { auditLocationForState, type AuditForStateOptions } from './for-state.js';

export async function withAuditLogFile<T>(stateUrl: string, options: AuditForStateOptions, work: (path: string) => Promise<T>): Promise<T> {
  const location = auditLocationForState(stateUrl, options);
  if (location.kind === 'file') return work(location.path);
  const dir = await mkdtemp(join(tmpdir(), 'sislink-audit-'));
  try {
    const path = join(dir, 'audit.log');
    await exportAuditLog(location, path);
    return await work(path);
  } finally {
    await location.source.close();
    await rm(dir, { recursive: true, force: true });
  }
}

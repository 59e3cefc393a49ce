/**
 * Where an audit log *file* lives: next to a file-backed state, else under `.sislink/` in the working
 * directory. PostgreSQL state keeps its chain in the database instead: see for-state.ts.
 */
import { dirname, join, resolve } from 'node:path';
import { parseStateUrl } from '../state/open.js';

export const DEFAULT_AUDIT_FILE = '.sislink/audit.log';

export function auditPathForState(stateUrl: string, cwd = process.cwd()): string {
  const location = parseStateUrl(stateUrl, cwd);
  if (location.kind === 'sqlite') return join(dirname(location.path), 'audit.log');
  return resolve(cwd, DEFAULT_AUDIT_FILE);
}

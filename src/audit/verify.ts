/** Verifies an audit log file and its head file (see verify-chain.ts for the checks). */
import { stat } from 'node:fs/promises';
import { SislinkError } from '../errors.js';
import { readRawLines } from './lines.js';
import { headPath, readHead } from './tail.js';
import type { AuditVerifyResult } from './types.js';
import { verifyChainLines } from './verify-chain.js';

export async function verifyAuditLog(path: string): Promise<AuditVerifyResult> {
  try {
    await stat(path);
  } catch {
    throw new SislinkError('NOT_FOUND', `audit log ${path} does not exist`);
  }
  const head = await readHead(path);
  return verifyChainLines(readRawLines(path), head, headPath(path));
}

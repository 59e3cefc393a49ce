/** Public surface of the audit log. */
export { openAuditLog, type AuditLog, type AuditLogOptions } from './log.js';
export { openChainAuditLog, type AuditChainSource } from './chain-log.js';
export { auditLocationForState, openAuditLogForState, type AuditForStateOptions, type AuditLocation } from './for-state.js';
export { holdsAuditChain, type AuditChain, type AuditChainHolder, type StoredLine } from './chain.js';
export { verifyAuditLog } from './verify.js';
export { verifyAuditChain } from './chain-verify.js';
export { exportAuditLog } from './export.js';
export { readAuditEvents, withAuditLocation } from './records.js';
export { runAuditVerify, type AuditVerifyOptions } from './verify-command.js';
export { runAuditExport, type AuditExportOptions } from './export-command.js';
export { gitInfo, type GitInfo } from './git.js';
export { actorInfo, currentActor, type Actor } from './actor.js';
export { auditPathForState, DEFAULT_AUDIT_FILE } from './paths.js';
export type { AuditEvent, AuditEventName, AuditRecord, AuditVerifyResult } from './types.js';

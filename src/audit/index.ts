/** Public surface of the audit log. */
export { openAuditLog, type AuditLog, type AuditLogOptions } from './log.js';
export { verifyAuditLog } from './verify.js';
export { runAuditVerify, type AuditVerifyOptions } from './verify-command.js';
export { gitInfo, type GitInfo } from './git.js';
export { actorInfo, currentActor, type Actor } from './actor.js';
export { auditPathForState, DEFAULT_AUDIT_FILE } from './paths.js';
export type { AuditEvent, AuditEventName, AuditRecord, AuditVerifyResult } from './types.js';

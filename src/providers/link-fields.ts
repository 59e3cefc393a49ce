/** Conversions between the planner's link fields and the state store's link record. */
import type { Fields } from '../plan/types.js';
import { isSensitive } from '../plan/fields.js';
import type { LinkRecord } from '../state/types.js';

export function fieldsFromLinkRecord(link: LinkRecord): Fields {
  return {
    vendor: link.vendor,
    baseUrl: link.baseUrl,
    tokenUrl: link.tokenUrl,
    oneRosterVersion: link.oneRosterVersion,
    auth: link.auth,
    key: link.key,
    secret: { sensitive: true, ref: link.secretRef, fingerprint: link.secretFingerprint },
    activeRecord: link.activeRecord,
    consentSisSupport: link.consentSisSupport,
    rosterImport: link.rosterImport,
    gradeExport: link.gradeExport,
    domain: link.domain,
  };
}

function str(fields: Fields, name: string): string {
  const value = fields[name];
  return value === null || value === undefined || isSensitive(value) ? '' : String(value);
}

export function linkRecordFromFields(district: string, fields: Fields, at: string, planHash: string | null): LinkRecord {
  const secret = fields.secret;
  if (!isSensitive(secret)) throw new TypeError('link fields carry no secret reference');
  return {
    district,
    vendor: str(fields, 'vendor'),
    baseUrl: str(fields, 'baseUrl'),
    tokenUrl: str(fields, 'tokenUrl'),
    oneRosterVersion: str(fields, 'oneRosterVersion'),
    auth: str(fields, 'auth'),
    key: str(fields, 'key'),
    secretRef: secret.ref,
    secretFingerprint: secret.fingerprint,
    activeRecord: fields.activeRecord === null ? null : str(fields, 'activeRecord'),
    enabled: true,
    consentSisSupport: fields.consentSisSupport === true,
    rosterImport: fields.rosterImport === true,
    gradeExport: fields.gradeExport === true,
    domain: str(fields, 'domain'),
    updatedAt: at,
    appliedPlanHash: planHash,
  };
}

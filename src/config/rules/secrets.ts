/**
 * Fields typed SecretRef must hold a reference (`env:NAME`, `file:PATH`, ...), never a value.
 * Messages never repeat what was written: it may be a pasted secret.
 */
import { looksLikeSecretValue, parseSecretRef } from '../../secrets/refs.js';
import { registerSecret } from '../../secrets/redact.js';
import type { DistrictConfig } from '../types.js';
import { error, type RuleFinding } from './types.js';

/** Every SecretRef field of a district, with its dotted path. */
export function secretRefFields(config: DistrictConfig): Array<{ path: string; ref: string }> {
  const fields: Array<{ path: string; ref: string | undefined }> = [];
  const { sis, classroom, credentials } = config.spec;
  fields.push({ path: 'spec.sis.infiniteCampus.vendorKey', ref: sis.infiniteCampus?.vendorKey });
  fields.push({ path: 'spec.sis.infiniteCampus.vendorSecret', ref: sis.infiniteCampus?.vendorSecret });
  fields.push({ path: 'spec.classroom.serviceAccountKey', ref: classroom?.serviceAccountKey });
  credentials.records.forEach((record, index) => fields.push({ path: `spec.credentials.records[${index}].secret`, ref: record.secret }));
  fields.push({ path: 'spec.credentials.rotation.providerToken', ref: credentials.rotation?.providerToken });
  return fields.filter((field): field is { path: string; ref: string } => field.ref !== undefined);
}

export function checkSecretRefs(config: DistrictConfig): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const { path, ref } of secretRefFields(config)) {
    const parsed = parseSecretRef(ref);
    if (!('error' in parsed)) continue;
    if (looksLikeSecretValue(ref)) {
      // Scrub it from anything printed later in this process, too.
      registerSecret(ref);
      findings.push(error('SECRET_INLINE', path, 'looks like a pasted secret; use env:NAME or file:PATH and keep the value out of the repository'));
      continue;
    }
    const reason = parsed.error.includes(ref) ? '' : ` (${parsed.error})`;
    findings.push(error('SECRET_REF_INVALID', path, `is not a secret reference${reason}; use env:NAME or file:PATH`));
  }
  return findings;
}

import type { FieldChange, FieldValue, Fields, SensitiveValue } from './types.js';

export function isSensitive(value: FieldValue | undefined): value is SensitiveValue {
  return typeof value === 'object' && value !== null && value.sensitive === true;
}

export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (isSensitive(a) || isSensitive(b)) {
    return isSensitive(a) && isSensitive(b) && a.ref === b.ref && a.fingerprint === b.fingerprint;
  }
  return a === b;
}

/** Field-by-field differences, in the order of `after`'s keys, then fields only in `before`. */
export function diffFields(before: Fields, after: Fields): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after)) {
    if (!sameValue(before[field], after[field])) changes.push({ field, before: before[field], after: after[field] });
  }
  for (const field of Object.keys(before)) {
    if (!(field in after)) changes.push({ field, before: before[field], after: undefined });
  }
  return changes;
}

/** A printable form: sensitive values show their reference and fingerprint, never a value. */
export function showValue(value: FieldValue | undefined): string {
  if (value === undefined) return '(absent)';
  if (isSensitive(value)) return `(sensitive: ${value.ref}, ${value.fingerprint})`;
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** Fields whose change needs the credential tested before the link uses it. */
export const CREDENTIAL_FIELDS = ['baseUrl', 'tokenUrl', 'oneRosterVersion', 'auth', 'key', 'secret'] as const;

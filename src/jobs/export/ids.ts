/**
 * Deterministic sourcedIds (RFC 4122 UUIDv5) for everything the export writes. The same course,
 * courseWork and student always give the same id, so re-runs, a wiped state store or an unlink and
 * re-link update the SIS records in place instead of duplicating them.
 */
import { hash } from 'node:crypto';

/** Fixed namespace of sislink grade exports; per-district namespaces derive from it. */
const SISLINK_EXPORT_NAMESPACE = '6f1c8f3e-6a4b-5d1e-9b7a-2c3d4e5f6a7b';

/** Parsed namespaces: an export derives one id per item from the same few namespaces. */
const namespaceBytes = new Map<string, Buffer>();

function uuidBytes(uuid: string): Buffer {
  let bytes = namespaceBytes.get(uuid);
  if (bytes === undefined) {
    bytes = Buffer.from(uuid.replace(/-/g, ''), 'hex');
    if (namespaceBytes.size < 64) namespaceBytes.set(uuid, bytes);
  }
  return bytes;
}

/** The RFC 4122 variant bits (10xx) set on a hex digit: 0-3 -> 8-b, and so on. */
const VARIANT_DIGITS = '89ab89ab89ab89ab';

/** The digest as hex text, version and variant set as text: no digest buffer, no second encoding. */
export function uuidV5(namespace: string, name: string): string {
  const prefix = uuidBytes(namespace);
  const input = Buffer.allocUnsafe(prefix.length + Buffer.byteLength(name, 'utf8'));
  prefix.copy(input);
  input.write(name, prefix.length, 'utf8');
  const hex = hash('sha1', input, 'hex');
  const variant = VARIANT_DIGITS[Number.parseInt(hex.charAt(16), 16)] ?? '8';
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The namespace of one district: stable as long as its Workspace domain is. */
export function districtNamespace(domain: string): string {
  return uuidV5(SISLINK_EXPORT_NAMESPACE, `district:${domain.toLowerCase()}`);
}

export function lineItemId(namespace: string, courseId: string, courseWorkId: string): string {
  return uuidV5(namespace, `lineItem:${courseId}:${courseWorkId}`);
}

export function resultId(namespace: string, courseId: string, courseWorkId: string, userId: string): string {
  return uuidV5(namespace, `result:${courseId}:${courseWorkId}:${userId}`);
}

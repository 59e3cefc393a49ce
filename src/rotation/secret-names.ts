/** Names under which generated secrets are kept in a district's secret store. */
import { createHash } from 'node:crypto';

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/-+/g, '-').replace(/^[-.]+|-+$/g, '');
}

/**
 * `maple-valley-google-classroom-2027`; a record the provider identifies gets a short hash of its
 * id appended, so a record created again under the same name never meets the old record's secret.
 */
export function secretNameFor(district: string, recordName: string, providerId: string | null): string {
  const base = slug(`${district}-${recordName}`) || 'record';
  if (providerId === null) return base;
  return `${base}-${createHash('sha256').update(providerId).digest('hex').slice(0, 8)}`;
}

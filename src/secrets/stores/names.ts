/** Secret names become file names and environment values: keep them to a safe alphabet. */
import { createHash } from 'node:crypto';
import { SislinkError } from '../../errors.js';

const MAX_NAME_LENGTH = 100;

/**
 * `Google Classroom 2026` -> `Google-Classroom-2026-<hash>`. A short hash of the original is
 * appended whenever characters were replaced, so two names never collide after sanitising.
 */
export function sanitiseSecretName(name: string): string {
  if (typeof name !== 'string' || name.trim() === '') throw new SislinkError('USAGE', 'a secret name must be a non-empty string');
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, MAX_NAME_LENGTH);
  if (cleaned === name) return cleaned;
  const hash = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 8);
  return `${cleaned.replace(/-+$/, '') || 'secret'}-${hash}`;
}

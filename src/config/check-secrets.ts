/**
 * `validate --check-secrets`: resolves every secret reference and reports only whether it
 * resolves. Values are registered for redaction and dropped at once.
 */
import path from 'node:path';
import { findRepoRoot, parseSecretRef, resolveSecretRef } from '../secrets/refs.js';
import { redact, registerSecret } from '../secrets/redact.js';
import type { Finding } from './types.js';
import type { LoadedDocument } from './load.js';
import { secretRefFields } from './rules/secrets.js';

export interface SecretCheck {
  file: string;
  district: string;
  path: string;
  resolved: boolean;
}

function secretsDirOf(store: string | undefined, configFile: string): string | undefined {
  if (store === undefined || !store.startsWith('file:')) return undefined;
  return path.resolve(path.dirname(configFile), store.slice('file:'.length));
}

export async function checkSecrets(documents: readonly LoadedDocument[]): Promise<{ findings: Finding[]; checks: SecretCheck[] }> {
  const findings: Finding[] = [];
  const checks: SecretCheck[] = [];
  for (const document of documents) {
    const config = document.config;
    if (!config) continue;
    const repoRoot = findRepoRoot(path.dirname(document.file));
    const secretsDir = secretsDirOf(config.spec.credentials.rotation?.secretStore, document.file);
    const context = { configFile: document.file, repoRoot, ...(secretsDir ? { secretsDir } : {}) };
    for (const field of secretRefFields(config)) {
      if ('error' in parseSecretRef(field.ref)) continue;
      try {
        registerSecret(await resolveSecretRef(field.ref, context));
        checks.push({ file: document.display, district: config.metadata.name, path: field.path, resolved: true });
      } catch (cause) {
        checks.push({ file: document.display, district: config.metadata.name, path: field.path, resolved: false });
        const reason = cause instanceof Error ? redact(cause.message) : 'cannot be resolved';
        findings.push({ file: document.display, ...document.pointAt(field.path), severity: 'error', code: 'SECRET_UNRESOLVED', path: field.path, message: reason });
      }
    }
  }
  return { findings, checks };
}

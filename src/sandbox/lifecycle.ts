/** Building and resetting the sandbox's state: seeded data, the built-in access record, counters. */
import { AccessRecordBook, type AccessRecord } from './auth/records.js';
import { generateDataset } from './data/generate.js';
import { SandboxStore } from './data/store.js';
import type { SandboxConfig, SandboxRuntime } from './runtime.js';

export const BUILTIN_RECORD_ID = 'builtin';

/** The always-valid record that makes the documented demo credentials work. */
export function builtinRecord(config: SandboxConfig, now: string): AccessRecord {
  return {
    id: BUILTIN_RECORD_ID, name: 'Sandbox default client', key: config.clientId, authType: 'OAuth 2.0', isActive: true,
    effectiveDate: null, expirationDate: null, rejectTokens: false, builtIn: true, secret: config.clientSecret,
    secretGeneratedAt: now, createdAt: now, updatedAt: now,
  };
}

export function initialRecords(config: SandboxConfig, now: string, loaded: AccessRecord[] = []): AccessRecordBook {
  const records = loaded.filter((record) => !record.builtIn && record.key !== config.clientId);
  if (config.builtinClient) records.unshift(builtinRecord(config, now));
  return new AccessRecordBook(records);
}

/** Back to the seeded start: fresh data, only the built-in record, no tokens, empty log, real clock. */
export function resetRuntime(runtime: SandboxRuntime, initialNow: Date | undefined): void {
  runtime.clock.set(initialNow ?? null);
  runtime.store = new SandboxStore(generateDataset(runtime.config.data));
  runtime.records = initialRecords(runtime.config, runtime.clock.now().toISOString());
  runtime.tokens.clear();
  runtime.traffic.clear();
  runtime.faults?.reset();
  runtime.classroom?.admin.reset();
}

/** Rotation bookkeeping in the state store (per district, one JSON value; never a secret). */
import type { StateStore } from '../state/types.js';
import type { ManagedRecord, ManagedRecords } from './types.js';

export const ROTATION_KEY = 'rotation.records';

export async function loadManaged(store: StateStore, district: string): Promise<ManagedRecords> {
  return (await store.getValue<ManagedRecords>(district, ROTATION_KEY)) ?? {};
}

/** Read-modify-write of one record; callers hold the district's lock. */
export async function updateManaged(
  store: StateStore,
  district: string,
  name: string,
  change: (current: ManagedRecord | undefined) => ManagedRecord,
): Promise<ManagedRecord> {
  const records = await loadManaged(store, district);
  const next = change(records[name]);
  records[name] = next;
  await store.setValue(district, ROTATION_KEY, records);
  return next;
}

export function emptyManaged(name: string, key: string, secretName: string): ManagedRecord {
  return {
    name, key, schoolYear: null, effective: null, expiration: null, origin: 'created', providerId: null,
    secretName, secretRef: null, createdAt: null, instructedAt: null, test: null, promotedAt: null, retiredAt: null,
  };
}

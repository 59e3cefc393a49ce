/**
 * Credential coverage of a district, pure: the state of each record and how many days, from
 * today, tested active records cover without a gap. `credentials status` alerts on it.
 */
import { addDays, daysBetween } from '../util/dates.js';
import { isExpired, type KnownRecord } from './records.js';

export type RecordState = 'pending' | 'current' | 'previous' | 'retired' | 'expired' | 'failed';

export interface RecordStatus {
  name: string;
  key: string;
  effective: string | null;
  expiration: string | null;
  state: RecordState;
  origin: 'config' | 'created' | 'adopted' | 'manual' | 'provider';
  /** Short explanation, e.g. the last test error or the next attempt. */
  note: string | null;
}

export interface Coverage {
  /** Last day covered without a gap; null when today is not covered; 'unlimited' when a record never expires. */
  coveredThrough: string | null;
  /** Days covered from today on (today included); null when unlimited. */
  daysLeft: number | null;
}

function origin(record: KnownRecord): RecordStatus['origin'] {
  if (record.config) return 'config';
  const managed = record.managed?.origin;
  return managed === undefined || managed === 'config' ? 'provider' : managed;
}

function note(record: KnownRecord): string | null {
  const test = record.managed?.test;
  if (test && !test.ok) return `test failed ${test.failures} time(s): ${test.error ?? 'unknown error'}${test.nextAttempt ? `; next attempt after ${test.nextAttempt}` : ''}`;
  if (!record.config && !record.tested && record.managed?.instructedAt) return `waiting for a person to create it and store its secret at ${record.secretRef ?? '?'}`;
  if (!record.config && !record.tested) return 'not tested yet';
  return null;
}

function stateOf(record: KnownRecord, today: string, active: KnownRecord | undefined): RecordState {
  if (!record.active) return 'retired';
  if (isExpired(record, today)) return 'expired';
  if (active !== undefined && record.name === active.name) return 'current';
  if (record.failed) return 'failed';
  if (!record.config && !record.tested) return 'pending';
  if (record.effective !== null && record.effective > today) return 'pending';
  if (active?.effective != null && record.effective !== null && record.effective > active.effective) return 'pending';
  return 'previous';
}

export function recordStatuses(known: KnownRecord[], today: string, activeRecord: string | undefined): RecordStatus[] {
  const active = known.find((record) => record.name === activeRecord);
  return [...known]
    .sort((a, b) => (a.effective ?? '').localeCompare(b.effective ?? '') || a.name.localeCompare(b.name))
    .map((record) => ({
      name: record.name, key: record.key, effective: record.effective, expiration: record.expiration,
      state: stateOf(record, today, active), origin: origin(record), note: note(record),
    }));
}

/** Coverage by records the link may use: active, not expired, declared in the file or tested. */
export function coverage(known: KnownRecord[], today: string): Coverage {
  const usable = known.filter((record) => record.active && (record.config || record.tested));
  let cursor = today;
  for (let guard = 0; guard < 1000; guard += 1) {
    const covering = usable.filter((record) => (record.effective ?? '') <= cursor && (record.expiration === null || record.expiration >= cursor));
    if (covering.length === 0) break;
    if (covering.some((record) => record.expiration === null)) return { coveredThrough: 'unlimited', daysLeft: null };
    cursor = addDays(covering.map((record) => record.expiration ?? '').sort().at(-1) ?? cursor, 1);
  }
  if (cursor === today) return { coveredThrough: null, daysLeft: 0 };
  const through = addDays(cursor, -1);
  return { coveredThrough: through, daysLeft: daysBetween(today, through) + 1 };
}

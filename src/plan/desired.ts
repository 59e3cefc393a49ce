/**
 * The desired state of one district's link, computed from its config, the vendor profile's
 * endpoints and the clock. Pure: the secret arrives already fingerprinted.
 */
import type { AccessRecordSpec, LoadedDistrict } from '../config/types.js';
import type { ResolvedSisEndpoints } from '../vendors/types.js';
import { dateInZone, withinWindow } from '../util/dates.js';
import type { Fields, PlanWarning, SensitiveValue } from './types.js';
import type { RotationDesired } from '../rotation/types.js';

export interface DesiredDistrict {
  name: string;
  file: string;
  target: 'connector' | 'classroom-admin';
  enabled: boolean;
  domain: string;
  /** Link fields sislink wants; undefined when the district cannot be linked (see errors). */
  fields: Fields | undefined;
  record: AccessRecordSpec | undefined;
  errors: PlanWarning[];
  warnings: PlanWarning[];
  /** The rotation policy and clock, when the district has spec.credentials.rotation. */
  rotation?: RotationDesired;
}

const ENDPOINTS_UNRESOLVED: PlanWarning = { code: 'ENDPOINTS_UNRESOLVED', message: 'the OneRoster endpoints could not be derived; run `sislink validate`' };

export interface DesiredOptions {
  /**
   * Rotation-managed records that passed their credential test: the link may switch to them.
   * Untested ones are never passed here, so the link never points at an untested credential.
   */
  testedRecords?: AccessRecordSpec[];
  rotation?: RotationDesired;
}

/** Records the link may use: the file's, then tested rotation records not also in the file. */
export function candidateRecords(loaded: LoadedDistrict, testedRecords: AccessRecordSpec[] = []): AccessRecordSpec[] {
  const declared = loaded.config.spec.credentials.records;
  return [...declared, ...testedRecords.filter((record) => !declared.some((own) => own.name === record.name))];
}

/** The record the link should use today: the newest one whose window covers today. */
export function currentRecord(records: AccessRecordSpec[], today: string): AccessRecordSpec | undefined {
  return records
    .filter((record) => withinWindow(today, record.effective, record.expiration))
    .sort((a, b) => (a.effective < b.effective ? 1 : a.effective > b.effective ? -1 : 0))[0];
}

export function linkFields(
  loaded: LoadedDistrict,
  endpoints: ResolvedSisEndpoints,
  record: AccessRecordSpec,
  secret: SensitiveValue,
): Fields {
  const { metadata, spec } = loaded.config;
  return {
    vendor: spec.vendor,
    baseUrl: endpoints.baseUrl,
    tokenUrl: endpoints.tokenUrl,
    oneRosterVersion: endpoints.version,
    auth: endpoints.auth,
    key: record.key,
    secret,
    activeRecord: record.name,
    consentSisSupport: spec.consent.sisSupport,
    rosterImport: spec.dataExchange.rosterImport,
    gradeExport: spec.dataExchange.gradeExport,
    domain: metadata.domain,
  };
}

export function buildDesired(
  loaded: LoadedDistrict,
  now: Date,
  endpoints: ResolvedSisEndpoints | undefined,
  fingerprintOf: (record: AccessRecordSpec) => SensitiveValue | undefined,
  options: DesiredOptions = {},
): DesiredDistrict {
  const { metadata, spec } = loaded.config;
  const desired: DesiredDistrict = {
    name: metadata.name,
    file: loaded.source.file,
    target: spec.link.target,
    enabled: spec.link.enabled,
    domain: metadata.domain,
    fields: undefined,
    record: undefined,
    errors: [],
    warnings: [],
    ...(options.rotation === undefined ? {} : { rotation: options.rotation }),
  };
  if (!spec.link.enabled) return desired;
  const today = dateInZone(now, metadata.timezone);
  const record = currentRecord(candidateRecords(loaded, options.testedRecords), today);
  if (record === undefined) {
    desired.errors.push({
      code: 'NO_CURRENT_RECORD',
      message: `no access record covers ${today} (${metadata.timezone}); add one under spec.credentials.records`,
    });
    // Reported too, so a rotation never plans a recovery the endpoints would make fail.
    if (endpoints === undefined) desired.errors.push(ENDPOINTS_UNRESOLVED);
    return desired;
  }
  if (endpoints === undefined) {
    desired.errors.push(ENDPOINTS_UNRESOLVED);
    return desired;
  }
  const secret = fingerprintOf(record);
  if (secret === undefined) {
    desired.errors.push({ code: 'SECRET_UNRESOLVED', message: `the secret of record "${record.name}" (${record.secret}) does not resolve` });
    return desired;
  }
  desired.record = record;
  desired.fields = linkFields(loaded, endpoints, record, secret);
  return desired;
}

/**
 * `sislink credentials status`: per district, each access record with its window and state, the
 * next rollover and the days of coverage left. Read-only: no credential is tested or changed.
 */
import { resolve } from 'node:path';
import { loadDistrictsOrThrow } from '../config/load.js';
import type { LoadedDistrict } from '../config/types.js';
import { linkTarget } from '../providers/link-targets.js';
import { tryResolveSecret } from '../reconcile/observe.js';
import { openStateStore } from '../state/open.js';
import type { StateStore } from '../state/types.js';
import { dateInZone } from '../util/dates.js';
import { nextRollover, schoolYearOf } from './calendar.js';
import { observeRotation } from './observe.js';
import { expiredLinkRecord, type KnownRecord } from './records.js';
import { coverage, recordStatuses, type RecordStatus } from './status.js';

export const DEFAULT_WARNING_DAYS = 30;

export interface CredentialsStatusOptions {
  paths: string[];
  state: string;
  now: Date;
  cwd?: string;
  format: 'text' | 'json';
  /** Overrides every district's rotation.warningDays. */
  warningDays?: number;
  write?: (text: string) => void;
}

export interface DistrictCredentialStatus {
  district: string;
  file: string;
  enabled: boolean;
  today: string;
  schoolYear: number | null;
  nextRollover: string | null;
  activeRecord: string | null;
  records: RecordStatus[];
  coveredThrough: string | null;
  daysLeft: number | null;
  warningDays: number;
  /** Covered for at least warningDays (or the link is disabled). */
  ok: boolean;
  warnings: string[];
}

export interface CredentialsStatusReport {
  now: string;
  ok: boolean;
  districts: DistrictCredentialStatus[];
}

function configKnown(loaded: LoadedDistrict): KnownRecord[] {
  return loaded.config.spec.credentials.records.map((record) => ({
    name: record.name, key: record.key, effective: record.effective, expiration: record.expiration ?? null, config: true,
    managed: undefined, provider: undefined, active: true, secretRef: record.secret, fingerprint: null, tested: false, failed: false,
  }));
}

async function districtStatus(store: StateStore, loaded: LoadedDistrict, options: CredentialsStatusOptions, cwd: string): Promise<DistrictCredentialStatus> {
  const { metadata, spec } = loaded.config;
  const configFile = resolve(cwd, loaded.source.file);
  const today = dateInZone(options.now, metadata.timezone);
  const rotation = await observeRotation({
    store, district: metadata.name, loaded, now: options.now, stateKey: await store.stateKey(), resolveRef: (ref) => tryResolveSecret(configFile, ref),
  });
  const known = rotation?.known ?? configKnown(loaded);
  const link = await linkTarget(store, spec.link.target).observe(metadata.name);
  const active = typeof link?.activeRecord === 'string' ? link.activeRecord : undefined;
  const warningDays = options.warningDays ?? spec.credentials.rotation?.warningDays ?? DEFAULT_WARNING_DAYS;
  const covered = coverage(known, today);
  const policy = spec.credentials.rotation;
  const warnings = rotation?.observed.providerError ? [`the access-record provider could not be listed: ${rotation.observed.providerError}`] : [];
  const expiredActive = expiredLinkRecord(known, active, today);
  if (expiredActive !== undefined && spec.link.enabled) {
    warnings.unshift(`the link uses access record ${JSON.stringify(active)}, which expired after ${expiredActive.expiration ?? ''}: it no longer works until it moves to a current record`);
  }
  return {
    district: metadata.name,
    file: loaded.source.file,
    enabled: spec.link.enabled,
    today,
    schoolYear: policy === undefined ? null : schoolYearOf(policy, today),
    nextRollover: policy === undefined ? null : nextRollover(policy, today),
    activeRecord: active ?? null,
    records: recordStatuses(known, today, active),
    ...covered,
    warningDays,
    ok: !spec.link.enabled || (expiredActive === undefined && (covered.daysLeft === null || covered.daysLeft >= warningDays)),
    warnings,
  };
}

function renderText(report: CredentialsStatusReport): string {
  const sections = report.districts.map((district) => {
    const left = district.daysLeft === null ? 'no expiry' : `${district.daysLeft} day(s)`;
    const through = district.coveredThrough === null ? 'NOT COVERED today' : `covered through ${district.coveredThrough} (${left})`;
    const low = district.daysLeft !== null && district.daysLeft < district.warningDays;
    const flag = district.ok ? 'ok' : low ? `LOW: under ${district.warningDays} days` : 'LINK ON AN EXPIRED RECORD';
    const rollover = district.nextRollover === null ? 'no rotation policy' : `school year ${district.schoolYear ?? ''}, next rollover ${district.nextRollover}`;
    const lines = [`district ${district.district} (${district.file}${district.enabled ? '' : ', link disabled'}): ${through}, ${flag}; ${rollover}`];
    for (const record of district.records) {
      const window = `${record.effective ?? '-'} .. ${record.expiration ?? 'no expiration'}`;
      lines.push(`  ${record.state.padEnd(8)} ${JSON.stringify(record.name)} key ${record.key}, ${window} (${record.origin})${record.note ? `: ${record.note}` : ''}`);
    }
    for (const warning of district.warnings) lines.push(`  warning: ${warning}`);
    return lines.join('\n');
  });
  return `${sections.join('\n\n')}\n`;
}

export async function runCredentialsStatus(options: CredentialsStatusOptions): Promise<CredentialsStatusReport> {
  const cwd = options.cwd ?? process.cwd();
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const { districts } = await loadDistrictsOrThrow(options.paths, { cwd });
  const store = await openStateStore(options.state, { cwd });
  try {
    const statuses: DistrictCredentialStatus[] = [];
    for (const loaded of districts) statuses.push(await districtStatus(store, loaded, options, cwd));
    const report: CredentialsStatusReport = { now: options.now.toISOString(), ok: statuses.every((status) => status.ok), districts: statuses };
    write(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
    return report;
  } finally {
    await store.close();
  }
}

/**
 * Credential exfiltration guard. A pull request could point a district at a host its author
 * controls; planning would then send the district's credential there. Districts whose SIS host or
 * token URL differs from the base branch's version are planned without any credential test, and
 * the plan says so. Credentials reach a new host only after the change is merged.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadDistricts } from '../config/load.js';
import type { DistrictConfig, LoadedDistrict } from '../config/types.js';
import { resolveEndpoints } from '../vendors/index.js';
import { readBaseVersion, resolveBaseRef } from './base-version.js';

export const CREDENTIALS_WITHHELD = 'CREDENTIALS_WITHHELD';

export interface HostChange {
  district: string;
  /** Hosts on the base branch; empty when the district is new there. */
  before: string[];
  after: string[];
  reason: string;
}

interface Hosts {
  sis: string;
  token: string;
}

function hostsOf(config: DistrictConfig): Hosts | undefined {
  try {
    const endpoints = resolveEndpoints(config);
    return { sis: new URL(endpoints.baseUrl).origin, token: new URL(endpoints.tokenUrl).href };
  } catch {
    return undefined;
  }
}

/** The base branch's version of a district, loaded like any other file (defaults applied). */
async function loadBaseDistrict(file: string, text: string, name: string): Promise<DistrictConfig | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'sislink-base-'));
  try {
    const copy = join(dir, basename(file));
    await writeFile(copy, text);
    const { districts } = await loadDistricts([copy], { cwd: dir });
    return districts.find((district) => district.config.metadata.name === name)?.config;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function describe(hosts: Hosts | undefined): string[] {
  if (hosts === undefined) return [];
  return hosts.token.startsWith(`${hosts.sis}/`) ? [hosts.sis] : [hosts.sis, hosts.token];
}

export function withheldMessage(change: HostChange): string {
  const before = change.before.length === 0 ? '(none on the base branch)' : change.before.join(', ');
  return `credentials withheld: ${change.reason}; SIS host ${before} → ${change.after.join(', ')}. ` +
    'No credential was sent to the new host while planning; it is tested only after the change is merged.';
}

/** A district's version on the base branch, or why there is none to compare with. */
type BaseDistrict = { kind: 'found'; config: DistrictConfig } | { kind: 'missing'; reason: string };

async function baseDistrictOf(loaded: LoadedDistrict, baseCommit: string | undefined): Promise<BaseDistrict> {
  if (baseCommit === undefined) return { kind: 'missing', reason: 'the base branch could not be read' };
  const version = await readBaseVersion(loaded.source.file, baseCommit);
  if (version.kind === 'absent') return { kind: 'missing', reason: 'the file is new on this pull request' };
  const config = await loadBaseDistrict(loaded.source.file, version.text, loaded.config.metadata.name);
  return config === undefined ? { kind: 'missing', reason: 'the district is new or invalid on the base branch' } : { kind: 'found', config };
}

function hostChange(loaded: LoadedDistrict, base: BaseDistrict): HostChange | undefined {
  const name = loaded.config.metadata.name;
  const current = hostsOf(loaded.config);
  const after = describe(current);
  if (current === undefined) return undefined;
  if (base.kind === 'missing') return { district: name, before: [], after, reason: base.reason };
  const previous = hostsOf(base.config);
  if (previous === undefined) return { district: name, before: [], after, reason: 'the district is new or invalid on the base branch' };
  if (previous.sis === current.sis && previous.token === current.token) return undefined;
  return { district: name, before: describe(previous), after, reason: 'the SIS host or token URL changed on this pull request' };
}

/** The Classroom side of a district: where its service-account key goes, and which key. */
function classroomOf(config: DistrictConfig): string {
  const classroom = config.spec.classroom;
  return JSON.stringify(classroom === undefined ? null : [classroom.adminSubject, classroom.serviceAccountKey, classroom.apiUrl ?? null, classroom.tokenUrl ?? null]);
}

function classroomChange(loaded: LoadedDistrict, base: BaseDistrict): string | undefined {
  if (base.kind === 'missing') return base.reason;
  return classroomOf(base.config) === classroomOf(loaded.config) ? undefined : 'its Classroom settings (service-account key, admin or API URLs) changed on this pull request';
}

export interface PullRequestGuard {
  /** Districts whose SIS credentials must not be tested on this pull request, by name. */
  hosts: Map<string, HostChange>;
  /**
   * Districts whose Classroom service account must not be used, with why: a pull request could
   * point the signed token request at a host its author controls.
   */
  classroom: Map<string, string>;
}

/** Compares each district with its base-branch version, read once for both guards. */
export async function guardPullRequest(loaded: readonly LoadedDistrict[], baseRef: string | undefined, cwd: string): Promise<PullRequestGuard> {
  const baseCommit = baseRef === undefined ? undefined : await resolveBaseRef(cwd, baseRef);
  const guard: PullRequestGuard = { hosts: new Map(), classroom: new Map() };
  for (const district of loaded) {
    const base = await baseDistrictOf(district, baseCommit);
    const host = hostChange(district, base);
    if (host !== undefined) guard.hosts.set(host.district, host);
    const classroom = classroomChange(district, base);
    if (classroom !== undefined) guard.classroom.set(district.config.metadata.name, classroom);
  }
  return guard;
}

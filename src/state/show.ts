/** `sislink state show`: what the store remembers per district. Secrets appear only as references and fingerprints. */
import { publicHolder } from './locks.js';
import { openStateStore, stateStoreExists } from './open.js';
import type { LinkRecord, LockHolder, RunRecord, StateStore } from './types.js';

export interface DistrictState {
  district: string;
  link: LinkRecord | null;
  lock: Omit<LockHolder, 'token'> | null;
  pendingManualSteps: Array<{ id: string; title: string; createdAt: string; planHash: string }>;
  lastRun: RunRecord | null;
}

export interface StateShowOptions {
  stateUrl: string;
  district?: string;
  format: 'text' | 'json';
  cwd?: string;
  write?: (text: string) => void;
}

export async function collectDistrictState(store: StateStore, district: string): Promise<DistrictState> {
  const [link, lock, steps, runs] = await Promise.all([
    store.getLink(district), store.getLock(district), store.listManualSteps(district), store.listRuns(district, 1),
  ]);
  return {
    district,
    link: link ?? null,
    lock: lock === undefined ? null : publicHolder(lock),
    pendingManualSteps: steps
      .filter((step) => step.attestedBy === null)
      .map((step) => ({ id: step.id, title: step.title, createdAt: step.createdAt, planHash: step.planHash })),
    lastRun: runs[0] ?? null,
  };
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

function renderLink(link: LinkRecord | null): string[] {
  if (link === null) return ['  link: none recorded'];
  return [
    `  link: ${link.enabled ? 'enabled' : 'disabled'}, vendor ${link.vendor}, OneRoster ${link.oneRosterVersion}`,
    `    base URL ${link.baseUrl}, token URL ${link.tokenUrl}, auth ${link.auth}, key ${link.key}`,
    `    secret ${link.secretRef} (fingerprint ${link.secretFingerprint}), active record ${link.activeRecord ?? 'none'}`,
    `    consent sisSupport ${yesNo(link.consentSisSupport)}, roster import ${yesNo(link.rosterImport)}, grade export ${yesNo(link.gradeExport)}`,
    `    updated ${link.updatedAt}${link.appliedPlanHash ? ` by plan ${link.appliedPlanHash}` : ''}`,
  ];
}

export function renderDistrictState(state: DistrictState): string[] {
  const lines = [`district ${state.district}`, ...renderLink(state.link)];
  const lock = state.lock;
  lines.push(lock === null ? '  lock: none' : `  lock: held by pid ${lock.pid} on host ${lock.host} since ${lock.since} (${lock.purpose})`);
  if (state.pendingManualSteps.length === 0) lines.push('  pending manual steps: none');
  else {
    lines.push('  pending manual steps:');
    for (const step of state.pendingManualSteps) lines.push(`    - ${step.id}: ${step.title} (since ${step.createdAt})`);
  }
  const run = state.lastRun;
  if (run !== null) lines.push(`  last run: ${run.kind} ${run.outcome}, started ${run.startedAt}${run.finishedAt ? `, finished ${run.finishedAt}` : ''}`);
  return lines;
}

export async function runStateShow(options: StateShowOptions): Promise<number> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  if (!stateStoreExists(options.stateUrl, options.cwd)) {
    if (options.format === 'json') write(`${JSON.stringify({ state: options.stateUrl, exists: false, districts: [] }, null, 2)}\n`);
    else write(`no state store at ${options.stateUrl} (nothing applied yet)\n`);
    return 0;
  }
  const store = await openStateStore(options.stateUrl, options.cwd === undefined ? {} : { cwd: options.cwd });
  try {
    const districts = options.district === undefined ? await store.listDistricts() : [options.district];
    const states = await Promise.all(districts.map((district) => collectDistrictState(store, district)));
    if (options.format === 'json') {
      write(`${JSON.stringify({ state: store.url, exists: true, districts: states }, null, 2)}\n`);
      return 0;
    }
    const lines = [`state: ${store.url}`];
    if (states.length === 0) lines.push('no districts recorded');
    for (const state of states) lines.push(...renderDistrictState(state));
    write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

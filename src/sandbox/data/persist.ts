/**
 * --data FILE: the sandbox's state as one JSON file, loaded on start and written on close. It holds
 * the sandbox's own access-record secrets (these are test credentials), so it is written with mode 0600.
 */
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { SislinkError } from '../../errors.js';
import type { AccessRecord } from '../auth/records.js';
import type { ResolvedDataOptions } from '../options.js';
import type { SandboxDataset } from './types.js';

const FORMAT = 'sislink-sandbox/v1';

export interface PersistedState {
  format: typeof FORMAT;
  savedAt: string;
  options: ResolvedDataOptions;
  dataset: SandboxDataset;
  accessRecords: AccessRecord[];
}

export async function loadState(file: string): Promise<PersistedState | undefined> {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new SislinkError('USAGE', `sandbox data file ${file} is not valid JSON`, { cause: error });
  }
  const state = parsed as Partial<PersistedState> | null;
  if (!state || state.format !== FORMAT || !state.dataset || !Array.isArray(state.accessRecords) || !state.options) {
    throw new SislinkError('USAGE', `sandbox data file ${file} is not a ${FORMAT} file`);
  }
  return state as PersistedState;
}

export async function saveState(file: string, state: Omit<PersistedState, 'format'>): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify({ format: FORMAT, ...state }), { mode: 0o600 });
  await rename(temp, file);
}

/**
 * The districts a worker schedules and runs, kept in step with its district files. Each reload
 * stats the files and re-parses only those whose stamp (size, mtime, inode) changed: new files
 * join, changed ones replace their districts, removed ones drop out. A file that stops loading
 * keeps its last good version running; one that never loaded is not scheduled. Each problem is
 * logged once, when it appears or changes.
 */
import path from 'node:path';
import { createConfigScanner, type ScanResult } from '../config/file-scan.js';
import type { LoadedDistrict } from '../config/types.js';
import { SislinkError } from '../errors.js';
import { getLogger } from '../log.js';
import { parseFile, versionNames, type FileState } from './file-versions.js';
import { rejectedCandidates } from './name-owners.js';
import { districtSchedules, type ScheduleEntry } from './ticks.js';

/** A district file whose content on disk is not what the worker runs. */
export interface ConfigProblem {
  file: string;
  /** Districts of its last good version, still scheduled and run. */
  running: string[];
  /** Names the file declares, best effort, when nothing of it runs. */
  declared: string[];
  problem: string;
}

export interface ReloadSummary {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface DistrictSet {
  get(name: string): LoadedDistrict | undefined;
  names(): string[];
  entries(): ScheduleEntry[];
  problems(): ConfigProblem[];
  /** Changes whenever problems() does. */
  problemsVersion(): number;
  /** Looks at the files again (reloads never overlap). */
  reload(): Promise<ReloadSummary>;
}

export interface DistrictSetOptions {
  paths: string[];
  cwd: string;
  reconcileEvery: string;
}

function sortedNames(list: Iterable<string>): string[] {
  return [...new Set(list)].sort();
}

export async function loadDistrictSet(options: DistrictSetOptions): Promise<DistrictSet> {
  const cwd = path.resolve(options.cwd);
  const scanner = createConfigScanner(options.paths, cwd);
  const states = new Map<string, FileState>();
  let byName = new Map<string, LoadedDistrict>();
  let entries: ScheduleEntry[] = [];
  let problemsVersion = 0;
  let missingKey = '';
  let chain: Promise<ReloadSummary> = Promise.resolve({ added: [], changed: [], removed: [] });
  const log = () => getLogger();

  function setProblem(state: FileState, problem: string | undefined, findings: string[]): void {
    if (state.problem === problem) return;
    state.problem = problem;
    problemsVersion += 1;
    if (problem === undefined) {
      log().info({ file: state.display }, 'district file valid again');
      return;
    }
    const keeping = state.good === undefined ? 'not scheduled (never valid)' : `keeping its last good version (${versionNames(state.good).join(', ')})`;
    log().warn({ file: state.display, findings: findings.length > 0 ? findings : [problem] }, `district file invalid: ${keeping}: ${problem}`);
  }

  async function reloadOnce(initial = false, scanned?: ScanResult): Promise<ReloadSummary> {
    const before = new Map(byName);
    const { files, missing } = scanned ?? await scanner.scan();
    const key = missing.join('\n');
    if (key !== missingKey && missing.length > 0) log().warn({ missing }, `district path not found: ${missing.join(', ')}; its districts are not scheduled`);
    missingKey = key;
    const present = new Map(files.map((entry) => [entry.file, entry.stamp]));
    for (const file of [...states.keys()]) {
      if (present.has(file)) continue;
      if (states.get(file)?.problem !== undefined) problemsVersion += 1;
      states.delete(file);
    }
    for (const [file, stamp] of present) {
      const known = states.get(file);
      if (known?.stamp === stamp) continue;
      const parsed = await parseFile(file, cwd).catch(() => undefined);
      // Gone between the stat and the read (a checkout in progress): the next pass sees what is left.
      if (parsed === undefined) continue;
      const state: FileState = known ?? { stamp, display: path.relative(cwd, file).split(path.sep).join('/') || path.basename(file), declared: [] };
      state.stamp = stamp;
      states.set(file, state);
      if (parsed.ok) {
        state.candidate = parsed.version;
        state.declared = [];
      } else {
        state.candidate = undefined;
        state.declared = parsed.declared;
        setProblem(state, parsed.problem, parsed.findings);
      }
    }
    const rejected = rejectedCandidates(states);
    for (const [file, state] of states) {
      if (state.candidate === undefined) continue;
      const clash = rejected.get(file);
      if (clash !== undefined) {
        setProblem(state, clash, [clash]);
        continue;
      }
      state.good = state.candidate;
      state.candidate = undefined;
      setProblem(state, undefined, []);
    }
    byName = new Map();
    for (const state of [...states.values()].sort((a, b) => (a.display < b.display ? -1 : 1))) {
      for (const district of state.good?.districts ?? []) byName.set(district.config.metadata.name, district);
    }
    entries = [...byName.values()].flatMap((district) => districtSchedules(district, options.reconcileEvery));
    return summarize(before, byName, initial);
  }

  function summarize(before: ReadonlyMap<string, LoadedDistrict>, after: ReadonlyMap<string, LoadedDistrict>, initial: boolean): ReloadSummary {
    const added = sortedNames([...after.keys()].filter((name) => !before.has(name)));
    const removed = sortedNames([...before.keys()].filter((name) => !after.has(name)));
    const changed = sortedNames([...after.keys()].filter((name) => before.has(name) && before.get(name) !== after.get(name)));
    if (!initial && added.length + removed.length + changed.length > 0) log().info({ added, changed, removed }, 'district files reloaded');
    return { added, changed, removed };
  }

  const first = await scanner.scan();
  if (first.missing.length > 0) throw new SislinkError('CONFIG_NOT_FOUND', `${first.missing[0]}: no such file or directory`);
  if (first.files.length === 0) {
    throw new SislinkError('CONFIG_NOT_FOUND', `no district found in ${options.paths.length === 0 ? 'the current directory' : options.paths.join(', ')}`);
  }
  chain = reloadOnce(true, first);
  await chain;

  return {
    get: (name) => byName.get(name),
    names: () => [...byName.keys()],
    entries: () => entries,
    problemsVersion: () => problemsVersion,
    problems() {
      return [...states.values()]
        .filter((state) => state.problem !== undefined)
        .sort((a, b) => (a.display < b.display ? -1 : 1))
        .map((state) => ({ file: state.display, running: versionNames(state.good), declared: state.good === undefined ? sortedNames([...state.declared, ...versionNames(state.candidate)]) : [], problem: state.problem! }));
    },
    reload() {
      chain = chain.catch(() => ({ added: [], changed: [], removed: [] })).then(() => reloadOnce());
      return chain;
    },
  };
}

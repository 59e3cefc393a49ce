/**
 * District names are unique across a worker's files. When files change, each new version
 * (candidate) is adopted unless a name it declares is held by another file: the file already
 * running that name keeps it (else the first file by path), and the other file keeps its last
 * good version with a DUPLICATE_NAME problem until the clash is gone. Deciding on the whole next
 * state at once lets two files swap names in one change.
 */
import { versionNames, type FileState, type FileVersion } from './file-versions.js';

function desired(state: FileState, rejected: Set<string>, file: string): FileVersion | undefined {
  return state.candidate !== undefined && !rejected.has(file) ? state.candidate : state.good;
}

function clashMessage(states: ReadonlyMap<string, FileState>, loser: string, winner: string, name: string): string {
  const lost = states.get(loser);
  const won = states.get(winner);
  const at = lost?.candidate?.nameAt.get(name) ?? { line: 1, column: 1 };
  const other = won?.good?.nameAt.get(name) ?? won?.candidate?.nameAt.get(name) ?? { line: 1, column: 1 };
  return `${lost?.display}:${at.line}:${at.column}: error DUPLICATE_NAME metadata.name: district name "${name}" is already used at ${won?.display}:${other.line}:${other.column}`;
}

/** Files whose candidate cannot be adopted now, each with its DUPLICATE_NAME problem. */
export function rejectedCandidates(states: ReadonlyMap<string, FileState>): Map<string, string> {
  const files = [...states.keys()].sort((a, b) => (states.get(a)!.display < states.get(b)!.display ? -1 : 1));
  const rejected = new Map<string, string>();
  const rejectedFiles = new Set<string>();
  // Only candidates get rejected and rejections only grow, so this ends within files.length rounds.
  for (let round = 0; round <= files.length; round++) {
    const claims = new Map<string, string[]>();
    for (const file of files) {
      for (const name of versionNames(desired(states.get(file)!, rejectedFiles, file))) claims.set(name, [...(claims.get(name) ?? []), file]);
    }
    let changed = false;
    for (const [name, claimants] of claims) {
      if (claimants.length < 2) continue;
      const winner = claimants.find((file) => versionNames(states.get(file)!.good).includes(name)) ?? claimants[0]!;
      for (const file of claimants) {
        if (file === winner || states.get(file)!.candidate === undefined || rejectedFiles.has(file)) continue;
        rejectedFiles.add(file);
        rejected.set(file, clashMessage(states, file, winner, name));
        changed = true;
      }
    }
    if (!changed) break;
  }
  return rejected;
}

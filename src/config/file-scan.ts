/**
 * Stat-only scan of the district files a set of paths names, for processes that look again and
 * again (fleet workers): the same files `collectConfigFiles` returns, each with a stamp (size,
 * mtime in nanoseconds, inode) so the caller re-parses only what changed. The "other tool's YAML"
 * probe reads a file's head, so its verdict is kept per stamp and taken again only on a change.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isForeignYaml, isSearchedDir, YAML_FILE } from './files.js';

export interface FileStamp {
  /** Absolute path. */
  file: string;
  /** size:mtimeNs:inode; any change of content, replacement or rename-over changes it. */
  stamp: string;
}

export interface ScanResult {
  files: FileStamp[];
  /** Paths given that do not exist (relative to cwd, as given). */
  missing: string[];
}

export interface ConfigScanner {
  scan(): Promise<ScanResult>;
}

async function stampOf(file: string): Promise<string | undefined> {
  try {
    const info = await stat(file, { bigint: true });
    return info.isFile() ? `${info.size}:${info.mtimeNs}:${info.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/** The loader's rule; a file that vanished since the scan is not foreign (the loader reports it). */
async function foreignYaml(file: string): Promise<boolean> {
  return isForeignYaml(file).catch(() => false);
}

export function createConfigScanner(paths: readonly string[], cwd: string): ConfigScanner {
  const inputs = paths.length === 0 ? [cwd] : paths.map((p) => path.resolve(cwd, p));
  const foreign = new Map<string, { stamp: string; foreign: boolean }>();

  async function searched(file: string, stamp: string): Promise<boolean> {
    const known = foreign.get(file);
    if (known?.stamp === stamp) return !known.foreign;
    const verdict = await foreignYaml(file);
    foreign.set(file, { stamp, foreign: verdict });
    return !verdict;
  }

  async function walk(dir: string, out: FileStamp[], visited: Set<string>): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (isSearchedDir(entry.name)) await walk(full, out, visited);
        continue;
      }
      if (!entry.isFile() || !YAML_FILE.test(entry.name)) continue;
      const stamp = await stampOf(full);
      visited.add(full);
      if (stamp !== undefined && (await searched(full, stamp))) out.push({ file: full, stamp });
    }
  }

  return {
    async scan() {
      const files: FileStamp[] = [];
      const missing: string[] = [];
      const visited = new Set<string>();
      for (const input of inputs) {
        let info;
        try {
          info = await stat(input);
        } catch {
          missing.push(path.relative(cwd, input) || input);
          continue;
        }
        if (info.isDirectory()) await walk(input, files, visited);
        else {
          const stamp = await stampOf(input);
          if (stamp !== undefined) files.push({ file: input, stamp });
        }
      }
      const seen = new Set<string>();
      const unique = files.filter((entry) => (seen.has(entry.file) ? false : (seen.add(entry.file), true)));
      for (const file of foreign.keys()) if (!visited.has(file)) foreign.delete(file);
      return { files: unique, missing };
    },
  };
}

/** Expands the paths given on the command line into the YAML files to load. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SislinkError } from '../errors.js';

const YAML_FILE = /\.ya?ml$/i;
/** Directories never searched: tool state, dependencies, VCS metadata. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage']);

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
      await walk(full, out);
    } else if (entry.isFile() && YAML_FILE.test(entry.name)) {
      out.push(full);
    }
  }
}

/**
 * Absolute paths of the files to load: each file as given, each directory searched recursively
 * for *.yaml / *.yml (hidden directories and node_modules skipped). No paths means `cwd`.
 */
export async function collectConfigFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const inputs = paths.length === 0 ? [cwd] : paths.map((p) => path.resolve(cwd, p));
  const files: string[] = [];
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch {
      throw new SislinkError('CONFIG_NOT_FOUND', `${path.relative(cwd, input) || input}: no such file or directory`);
    }
    if (info.isDirectory()) await walk(input, files);
    else files.push(input);
  }
  return [...new Set(files)];
}

/** The file name used in findings: relative to cwd, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file) || path.basename(file);
  return relative.split(path.sep).join('/');
}

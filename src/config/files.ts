/** Expands the paths given on the command line into the YAML files to load. */
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SislinkError } from '../errors.js';

export const YAML_FILE = /\.ya?ml$/i;
/** Directories never searched: tool state, dependencies, VCS metadata. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage']);

/** Whether a directory search descends into a directory of this name. */
export function isSearchedDir(name: string): boolean {
  return !name.startsWith('.') && !SKIPPED_DIRS.has(name);
}

const FOREIGN_PROBE_BYTES = 64 * 1024;
const SISLINK_DECLARATION = /^\s*(apiVersion\s*:\s*["']?sislink\/|kind\s*:\s*["']?SisLink\b)/im;

/**
 * A directory search meets other tools' YAML too (CI workflows, Kubernetes manifests). Those are
 * skipped when no document declares a sislink apiVersion or kind; empty and binary files are kept so
 * that they get a finding. A file named on the command line is always loaded.
 */
export async function isForeignYaml(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(FOREIGN_PROBE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, FOREIGN_PROBE_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    if (bytesRead === 0 || head.includes(0)) return false;
    return !SISLINK_DECLARATION.test(head.toString('utf8'));
  } finally {
    await handle.close();
  }
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!isSearchedDir(entry.name)) continue;
      await walk(full, out);
    } else if (entry.isFile() && YAML_FILE.test(entry.name) && !(await isForeignYaml(full))) {
      out.push(full);
    }
  }
}

/**
 * Absolute paths of the files to load: each file as given, each directory searched recursively
 * for *.yaml / *.yml (hidden directories, node_modules and other tools' YAML skipped). No paths
 * means `cwd`.
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

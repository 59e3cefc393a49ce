/**
 * One district file as a worker knows it: the version it runs (the last good one) and, when the
 * file on disk is not that version, why not. Parsing goes through the config loader, so problems
 * read `file:line:col: error CODE path: message` as `sislink validate` prints them.
 */
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';
import { formatFinding } from '../config/format.js';
import { loadDetailed } from '../config/load.js';
import type { LoadedDistrict } from '../config/types.js';

export interface Position {
  line: number;
  column: number;
}

/** A parsed, valid version of a file: its districts and where each declares its name. */
export interface FileVersion {
  districts: LoadedDistrict[];
  nameAt: Map<string, Position>;
}

export interface FileState {
  /** Stamp of the file as last parsed. */
  stamp: string;
  /** Path as shown in messages (relative to the worker's directory). */
  display: string;
  /** The version scheduled and run; absent while the file has never been valid. */
  good?: FileVersion;
  /** Valid on its own but not adopted: a name it declares belongs to another file. Retried each pass. */
  candidate?: FileVersion;
  /** Why the file on disk is not the version running; absent when it is. */
  problem?: string;
  /** Names the broken file declares, best effort (for notes while nothing of it runs). */
  declared: string[];
}

export type ParsedFile = { ok: true; version: FileVersion } | { ok: false; problem: string; findings: string[]; declared: string[] };

/** metadata.name of each document, read leniently from a file that did not load. */
export async function declaredNames(file: string): Promise<string[]> {
  try {
    const text = await readFile(file, 'utf8');
    const names = parseAllDocuments(text, { prettyErrors: false }).flatMap((doc) => {
      const name: unknown = 'getIn' in doc ? doc.getIn(['metadata', 'name']) : undefined;
      return typeof name === 'string' && name !== '' ? [name] : [];
    });
    return [...new Set(names)];
  } catch {
    return [];
  }
}

/** Summary of a file's errors: the first one, and how many more. */
export function problemText(findings: readonly string[]): string {
  const [first] = findings;
  if (first === undefined) return 'no district in this file';
  return findings.length === 1 ? first : `${first} (and ${findings.length - 1} more error${findings.length === 2 ? '' : 's'})`;
}

export async function parseFile(file: string, cwd: string): Promise<ParsedFile> {
  const loaded = await loadDetailed([file], { cwd });
  const errors = loaded.findings.filter((finding) => finding.severity === 'error').map(formatFinding);
  if (errors.length > 0 || loaded.districts.length === 0) {
    return { ok: false, problem: problemText(errors), findings: errors, declared: await declaredNames(file) };
  }
  const nameAt = new Map<string, Position>();
  for (const document of loaded.documents) {
    const name = document.config?.metadata.name;
    if (name !== undefined) nameAt.set(name, document.pointAt('metadata.name'));
  }
  return { ok: true, version: { districts: loaded.districts, nameAt } };
}

export function versionNames(version: FileVersion | undefined): string[] {
  return version === undefined ? [] : version.districts.map((district) => district.config.metadata.name);
}

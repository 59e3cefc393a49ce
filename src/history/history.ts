/** `sislink history`: per config file, each version with its author, pull request, semantic diff and applies. */
import { collectConfigFiles, displayPath } from '../config/files.js';
import { SislinkError } from '../errors.js';
import type { AuditRecord } from '../audit/types.js';
import { appliesOf, type ApplyRecord } from './audit-join.js';
import { fileVersions, showBlob } from './git-log.js';
import { semanticDiff, type SemanticChange } from './semantic-diff.js';

export interface HistoryEntry {
  commit: string;
  author: string;
  email: string;
  date: string;
  subject: string;
  pullRequest: number | undefined;
  /** Path in the repository at this commit (changes on renames). */
  path: string;
  deleted: boolean;
  changes: SemanticChange[];
  diffError?: string;
  applies: ApplyRecord[];
}

export interface FileHistory {
  /** Relative to the working directory. */
  file: string;
  /** Newest first. */
  entries: HistoryEntry[];
}

export interface HistoryOptions {
  paths: string[];
  cwd?: string;
  /** Only versions committed on or after this instant. */
  since?: Date;
  /** Apply runs to join (readApplyRuns); none means no applies are shown. */
  applyRuns?: readonly AuditRecord[];
}

export function parseSince(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new SislinkError('USAGE', `--since: "${value}" is not an ISO-8601 date`);
  }
  return date;
}

export async function fileHistory(file: string, cwd: string, applyRuns: readonly AuditRecord[], since?: Date): Promise<FileHistory> {
  const { root, versions } = await fileVersions(file);
  const texts = await Promise.all(versions.map((version) => (version.blob === undefined ? undefined : showBlob(root, version.blob))));
  const entries: HistoryEntry[] = versions.map((version, index) => {
    // Versions are newest first: the one before this is the next in the list.
    const diff = semanticDiff(texts[index + 1], texts[index]);
    return {
      commit: version.commit, author: version.author, email: version.email, date: version.date, subject: version.subject,
      pullRequest: version.pullRequest, path: version.path, deleted: version.blob === undefined,
      changes: diff.changes, ...(diff.error ? { diffError: diff.error } : {}),
      applies: appliesOf(applyRuns, version),
    };
  });
  return { file: displayPath(file, cwd), entries: entries.filter((entry) => since === undefined || new Date(entry.date) >= since) };
}

export async function collectHistory(options: HistoryOptions): Promise<FileHistory[]> {
  const cwd = options.cwd ?? process.cwd();
  const files = await collectConfigFiles(options.paths, cwd);
  const histories: FileHistory[] = [];
  for (const file of files) histories.push(await fileHistory(file, cwd, options.applyRuns ?? [], options.since));
  return histories;
}

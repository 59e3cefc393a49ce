/**
 * The versions of one config file from `git log --follow` (renames followed), read with execFile:
 * no shell, arguments passed as given. Commits that merged a pull request name it in their subject.
 */
import { execFile } from 'node:child_process';
import { dirname, relative } from 'node:path';
import { promisify } from 'node:util';
import { SislinkError } from '../errors.js';

const run = promisify(execFile);

export interface FileVersion {
  commit: string;
  author: string;
  email: string;
  /** Author date, ISO 8601. */
  date: string;
  subject: string;
  /** Path of the file inside the repository at this commit. */
  path: string;
  /** Blob hash of the file at this commit; undefined when the commit deleted it. */
  blob: string | undefined;
  pullRequest: number | undefined;
}

export async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } });
    return stdout;
  } catch (error) {
    throw new SislinkError('NOT_FOUND', `git ${args[0] ?? ''} failed in ${cwd}: ${(error as { stderr?: string }).stderr?.trim() || (error as Error).message}`);
  }
}

export async function repoRootOf(file: string): Promise<string> {
  return (await git(dirname(file), ['rev-parse', '--show-toplevel'])).trim();
}

/** `Merge pull request #12 from ...` or a squash subject ending in `(#12)`. */
export function pullRequestFromSubject(subject: string): number | undefined {
  const match = /^Merge pull request #(\d+)\b/.exec(subject) ?? /\(#(\d+)\)\s*$/.exec(subject);
  return match === null ? undefined : Number(match[1]);
}

/** True when `ancestor` is reachable from `commit`. */
async function isAncestor(root: string, ancestor: string, commit: string): Promise<boolean> {
  return git(root, ['merge-base', '--is-ancestor', ancestor, commit]).then(() => true, () => false);
}

/**
 * The pull request whose merge brought `commit` into HEAD: the oldest merge on the ancestry path
 * whose first parent (the mainline before the merge) did not yet hold the commit.
 */
async function mergedBy(root: string, commit: string): Promise<number | undefined> {
  const merges = await git(root, ['log', '--ancestry-path', '--merges', '--reverse', '--format=%H%x1f%s', `${commit}..HEAD`]).catch(() => '');
  for (const line of merges.split('\n')) {
    const [merge, subject] = line.split('\x1f');
    if (merge === undefined || subject === undefined) continue;
    const number = pullRequestFromSubject(subject);
    if (number === undefined) continue;
    return (await isAncestor(root, commit, `${merge}^1`)) ? undefined : number;
  }
  return undefined;
}

function parseEntry(chunk: string): Omit<FileVersion, 'blob' | 'pullRequest'> & { deleted: boolean } | undefined {
  const [head, ...rest] = chunk.split('\n');
  const fields = (head ?? '').split('\x1f');
  if (fields.length < 5) return undefined;
  const status = rest.map((line) => line.split('\t')).find((parts) => parts.length >= 2);
  if (status === undefined) return undefined;
  const [commit, author, email, date, subject] = fields as [string, string, string, string, string];
  return { commit, author, email, date, subject, path: status.at(-1) as string, deleted: (status[0] ?? '').startsWith('D') };
}

/** Newest first, like git log. */
export async function fileVersions(file: string): Promise<{ root: string; versions: FileVersion[] }> {
  const root = await repoRootOf(file);
  const path = relative(root, file).split('\\').join('/');
  const out = await git(root, ['log', '--follow', '--name-status', '--format=%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%s', '--', path]);
  const versions: FileVersion[] = [];
  for (const chunk of out.split('\x1e')) {
    const entry = parseEntry(chunk.trim());
    if (entry === undefined) continue;
    const blob = entry.deleted ? undefined : (await git(root, ['rev-parse', `${entry.commit}:${entry.path}`])).trim();
    const pullRequest = pullRequestFromSubject(entry.subject) ?? (await mergedBy(root, entry.commit));
    versions.push({ commit: entry.commit, author: entry.author, email: entry.email, date: entry.date, subject: entry.subject, path: entry.path, blob, pullRequest });
  }
  return { root, versions };
}

export async function showBlob(root: string, blob: string): Promise<string> {
  return git(root, ['cat-file', 'blob', blob]);
}

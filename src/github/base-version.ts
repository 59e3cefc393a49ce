/** Reads a file as it is on another branch (`git show REF:./FILE`), without a shell. */
import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } });
    return stdout;
  } catch {
    return undefined;
  }
}

/** The first of REF and origin/REF that names a commit in the repository holding `cwd`. */
export async function resolveBaseRef(cwd: string, ref: string): Promise<string | undefined> {
  for (const candidate of [ref, `origin/${ref}`, `refs/remotes/origin/${ref}`]) {
    if (candidate.startsWith('-')) continue;
    const commit = await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${candidate}^{commit}`]);
    if (commit !== undefined && commit.trim() !== '') return commit.trim();
  }
  return undefined;
}

export type BaseVersion = { kind: 'found'; text: string } | { kind: 'absent' };

/** The file's content at `commit`, or absent when the file does not exist there. */
export async function readBaseVersion(file: string, commit: string): Promise<BaseVersion> {
  const text = await git(dirname(file), ['show', `${commit}:./${basename(file)}`]);
  return text === undefined ? { kind: 'absent' } : { kind: 'found', text };
}

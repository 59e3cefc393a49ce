/** Git provenance of a config file: HEAD commit and the blob hash of the file as read now. */
import { execFile } from 'node:child_process';
import { basename, dirname, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface GitInfo {
  /** HEAD commit of the repository holding the file. */
  commit: string;
  /** `git hash-object` of the file's current content (what was actually used). */
  blobHash: string;
  /** True when the file differs from (or is missing in) HEAD. */
  dirty: boolean;
  /** Path of the file inside the repository. */
  path: string;
}

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', args, {
      cwd,
      timeout: 10_000,
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/** Undefined when git is missing, the file is outside a repository, or the repository has no commit. */
export async function gitInfo(file: string): Promise<GitInfo | undefined> {
  const absolute = resolve(file);
  const cwd = dirname(absolute);
  const name = basename(absolute);
  const prefix = await git(cwd, ['rev-parse', '--show-prefix']);
  if (prefix === undefined) return undefined;
  const commit = await git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  if (!commit) return undefined;
  const blobHash = await git(cwd, ['hash-object', '--', name]);
  if (!blobHash) return undefined;
  const headBlob = await git(cwd, ['rev-parse', '--verify', '--quiet', `HEAD:./${name}`]);
  return { commit, blobHash, dirty: headBlob !== blobHash, path: `${prefix}${name}` };
}

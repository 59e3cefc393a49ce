/**
 * Git provenance of a config file: HEAD commit and the blob hash of the file as read now.
 *
 * A fleet appends an event per district run, so lookups must not cost git processes each: the
 * repository of a directory is asked once, HEAD is re-read only when its files change, the HEAD
 * tree of a directory is listed once per commit, and the blob hash is computed here (git's
 * `blob <size>\0<content>` SHA-1). Only when that hash differs from HEAD's blob does git
 * `hash-object` confirm it, since clean filters (e.g. CRLF conversion) may apply.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** A directory found outside any repository is asked again after this long. */
const NOT_A_REPOSITORY_TTL_MS = 60_000;

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

interface Repository {
  /** Path of the directory inside the repository (`districts/` or empty). */
  prefix: string;
  gitDir: string;
  commonDir: string;
}

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', args, {
      cwd,
      timeout: 10_000,
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    });
    return stdout;
  } catch {
    return undefined;
  }
}

const repositories = new Map<string, Promise<Repository | undefined>>();

function repositoryOf(dir: string): Promise<Repository | undefined> {
  const cached = repositories.get(dir);
  if (cached !== undefined) return cached;
  const repository = git(dir, ['rev-parse', '--show-prefix', '--absolute-git-dir', '--git-common-dir']).then((out) => {
    const [prefix, gitDir, commonDir] = (out ?? '').split('\n');
    if (out === undefined || gitDir === undefined || commonDir === undefined) {
      setTimeout(() => repositories.delete(dir), NOT_A_REPOSITORY_TTL_MS).unref();
      return undefined;
    }
    return { prefix: prefix ?? '', gitDir, commonDir: resolve(dir, commonDir) };
  });
  repositories.set(dir, repository);
  return repository;
}

async function mtimeOf(file: string): Promise<string> {
  try {
    return String((await stat(file, { bigint: true })).mtimeNs);
  } catch {
    return '-';
  }
}

/** Changes whenever HEAD may point at another commit: HEAD itself, its branch ref, packed refs. */
async function headKey(repository: Repository): Promise<string> {
  let head: string;
  try {
    head = (await readFile(`${repository.gitDir}/HEAD`, 'utf8')).trim();
  } catch {
    return `unreadable:${Date.now()}`;
  }
  const ref = /^ref: (.+)$/.exec(head)?.[1];
  const refTime = ref === undefined ? '' : await mtimeOf(`${repository.commonDir}/${ref}`);
  return `${head}\0${refTime}\0${await mtimeOf(`${repository.commonDir}/packed-refs`)}`;
}

const heads = new Map<string, { key: string; commit: Promise<string | undefined> }>();

async function headCommit(repository: Repository, dir: string): Promise<string | undefined> {
  const key = await headKey(repository);
  const cached = heads.get(repository.gitDir);
  if (cached?.key === key) return cached.commit;
  const commit = git(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']).then((out) => out?.trim() || undefined);
  heads.set(repository.gitDir, { key, commit });
  return commit;
}

const trees = new Map<string, Promise<Map<string, string>>>();

/** Blob ids of the files directly in `dir` at `commit`, by file name. */
function headBlobs(dir: string, commit: string): Promise<Map<string, string>> {
  const key = `${commit}\0${dir}`;
  let tree = trees.get(key);
  if (tree === undefined) {
    tree = git(dir, ['ls-tree', '-z', commit, '--', './']).then((out) => {
      const blobs = new Map<string, string>();
      for (const entry of (out ?? '').split('\0')) {
        const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(entry);
        if (match?.[1] !== undefined && match[2] !== undefined) blobs.set(match[2], match[1]);
      }
      return blobs;
    });
    // One tree per directory is enough: an older commit's listing is never asked for again.
    for (const old of trees.keys()) if (old.endsWith(`\0${dir}`)) trees.delete(old);
    trees.set(key, tree);
  }
  return tree;
}

function blobHashOf(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** Undefined when git is missing, the file is outside a repository, or the repository has no commit. */
export async function gitInfo(file: string): Promise<GitInfo | undefined> {
  const absolute = resolve(file);
  const dir = dirname(absolute);
  const name = basename(absolute);
  const repository = await repositoryOf(dir);
  if (repository === undefined) return undefined;
  const commit = await headCommit(repository, dir);
  if (commit === undefined) return undefined;
  let content: Buffer;
  try {
    content = await readFile(absolute);
  } catch {
    return undefined;
  }
  const headBlob = (await headBlobs(dir, commit)).get(name);
  let blobHash = blobHashOf(content);
  if (headBlob !== blobHash) blobHash = (await git(dir, ['hash-object', '--', name]))?.trim() || blobHash;
  return { commit, blobHash, dirty: headBlob !== blobHash, path: `${repository.prefix}${name}` };
}

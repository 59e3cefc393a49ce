import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { actorInfo, currentActor } from '../../src/audit/actor.js';
import { gitInfo } from '../../src/audit/git.js';
import { openAuditLog } from '../../src/audit/log.js';
import { auditPathForState } from '../../src/audit/paths.js';
import { makeTempDir, removeDirs } from './helpers.js';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => removeDirs(dirs));

async function git(cwd: string, ...args: string[]): Promise<string> {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' };
  return (await run('git', args, { cwd, env })).stdout.trim();
}

describe('gitInfo', () => {
  it('gives commit, blob hash and dirtiness of a file in a repository', async () => {
    const repo = await makeTempDir(dirs);
    await git(repo, 'init', '-q');
    await mkdir(join(repo, 'districts'));
    const file = join(repo, 'districts', 'd1.yaml');
    await writeFile(file, 'district: d1\n');
    expect(await gitInfo(file)).toBeUndefined();
    await git(repo, 'add', '.');
    await git(repo, 'commit', '-q', '-m', 'first');
    const commit = await git(repo, 'rev-parse', 'HEAD');
    const blob = await git(repo, 'rev-parse', 'HEAD:districts/d1.yaml');
    expect(await gitInfo(file)).toEqual({ commit, blobHash: blob, dirty: false, path: 'districts/d1.yaml' });
    await writeFile(file, 'district: d1\nchanged: true\n');
    const dirty = await gitInfo(file);
    expect(dirty).toMatchObject({ commit, dirty: true });
    expect(dirty?.blobHash).not.toBe(blob);
    const untracked = join(repo, 'districts', 'new.yaml');
    await writeFile(untracked, 'x: 1\n');
    expect(await gitInfo(untracked)).toMatchObject({ commit, dirty: true, path: 'districts/new.yaml' });
  });

  it('is added to audit events that name a config file', async () => {
    const repo = await makeTempDir(dirs);
    await git(repo, 'init', '-q');
    await writeFile(join(repo, 'd1.yaml'), 'district: d1\n');
    await git(repo, 'add', '.');
    await git(repo, 'commit', '-q', '-m', 'first');
    const log = openAuditLog(join(repo, '.sislink', 'audit.log'), { cwd: repo });
    const record = await log.append({ event: 'run.start', configFile: 'd1.yaml' });
    expect(record).toMatchObject({
      gitCommit: await git(repo, 'rev-parse', 'HEAD'),
      blobHash: await git(repo, 'rev-parse', 'HEAD:d1.yaml'),
      gitDirty: false,
    });
    const plain = await log.append({ event: 'run.finish' });
    expect(plain.gitCommit).toBeUndefined();
    const off = await openAuditLog(join(repo, 'other.log'), { cwd: repo, git: false }).append({ event: 'run.start', configFile: 'd1.yaml' });
    expect(off.gitCommit).toBeUndefined();
  });

  it('follows HEAD when another file is committed, and confirms a differing hash with git', async () => {
    const repo = await makeTempDir(dirs);
    await git(repo, 'init', '-q');
    await writeFile(join(repo, 'a.yaml'), 'district: a\n');
    await writeFile(join(repo, 'b.yaml'), 'district: b\n');
    await git(repo, 'add', '.');
    await git(repo, 'commit', '-q', '-m', 'first');
    const first = await gitInfo(join(repo, 'a.yaml'));
    expect(first).toMatchObject({ commit: await git(repo, 'rev-parse', 'HEAD'), dirty: false });
    await writeFile(join(repo, 'b.yaml'), 'district: b\nchanged: true\n');
    await git(repo, 'commit', '-q', '-am', 'second');
    const second = await gitInfo(join(repo, 'a.yaml'));
    expect(second).toEqual({ ...first, commit: await git(repo, 'rev-parse', 'HEAD') });
    expect(second?.commit).not.toBe(first?.commit);
    // A clean filter (CRLF to LF) makes git's hash differ from the raw bytes' hash: git decides.
    await git(repo, 'config', 'core.autocrlf', 'true');
    await writeFile(join(repo, 'b.yaml'), 'district: b\r\nchanged: true\r\n');
    expect(await gitInfo(join(repo, 'b.yaml'))).toMatchObject({ dirty: false, blobHash: await git(repo, 'rev-parse', 'HEAD:b.yaml') });
  });

  it('is undefined outside a repository', async () => {
    const dir = await makeTempDir(dirs);
    await writeFile(join(dir, 'd.yaml'), 'x: 1\n');
    expect(await gitInfo(join(dir, 'd.yaml'))).toBeUndefined();
  });
});

describe('currentActor and audit paths', () => {
  it('prefers GITHUB_ACTOR, else the OS user', () => {
    expect(actorInfo({ GITHUB_ACTOR: 'octocat' })).toMatchObject({ name: 'octocat', source: 'GITHUB_ACTOR' });
    expect(currentActor({ GITHUB_ACTOR: 'octocat' })).toBe('octocat');
    const local = actorInfo({});
    expect(local.source).toBe('os');
    expect(local.name.length).toBeGreaterThan(0);
    expect(local.host.length).toBeGreaterThan(0);
  });

  it('puts the audit log next to a file state', () => {
    expect(auditPathForState('sqlite:.sislink/state.db', '/repo')).toBe('/repo/.sislink/audit.log');
    expect(auditPathForState('/var/lib/sislink/state.db', '/repo')).toBe('/var/lib/sislink/audit.log');
    expect(auditPathForState('sqlite::memory:', '/repo')).toBe('/repo/.sislink/audit.log');
  });
});

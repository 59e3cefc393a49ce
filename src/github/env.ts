/**
 * Where sislink talks to GitHub, read the way GitHub Actions provides it (GITHUB_TOKEN,
 * GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_API_URL); explicit flags win.
 */
import { readFile } from 'node:fs/promises';
import { SislinkError } from '../errors.js';

export interface GitHubFlags {
  token?: string;
  repo?: string;
  pr?: string | number;
  sha?: string;
  apiUrl?: string;
  baseRef?: string;
}

export interface GitHubRepoContext {
  token: string;
  owner: string;
  repo: string;
  apiUrl: string;
}

export interface PullRequestContext extends GitHubRepoContext {
  pr: number;
  sha: string;
  /** Branch the pull request merges into (for `git show <baseRef>:<path>`); undefined when unknown. */
  baseRef: string | undefined;
}

interface PullRequestEvent {
  pull_request?: { number?: number; head?: { sha?: string }; base?: { ref?: string } };
  number?: number;
}

async function readEvent(path: string | undefined): Promise<PullRequestEvent> {
  if (path === undefined || path === '') return {};
  try {
    return JSON.parse(await readFile(path, 'utf8')) as PullRequestEvent;
  } catch (error) {
    throw new SislinkError('USAGE', `GITHUB_EVENT_PATH ${path}: cannot read the event payload (${(error as Error).message})`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

export function resolveRepoContext(flags: GitHubFlags, env: NodeJS.ProcessEnv = process.env): GitHubRepoContext {
  const token = nonEmpty(flags.token) ?? nonEmpty(env.GITHUB_TOKEN);
  if (token === undefined) throw new SislinkError('USAGE', 'no GitHub token: set GITHUB_TOKEN or pass --token');
  const slug = nonEmpty(flags.repo) ?? nonEmpty(env.GITHUB_REPOSITORY);
  const match = slug === undefined ? null : /^([^/\s]+)\/([^/\s]+)$/.exec(slug);
  if (match === null) throw new SislinkError('USAGE', `repository must be OWNER/NAME (--repo or GITHUB_REPOSITORY); got "${slug ?? ''}"`);
  const apiUrl = nonEmpty(flags.apiUrl) ?? nonEmpty(env.GITHUB_API_URL) ?? 'https://api.github.com';
  return { token, owner: match[1] as string, repo: match[2] as string, apiUrl };
}

export async function resolvePullRequestContext(flags: GitHubFlags, env: NodeJS.ProcessEnv = process.env): Promise<PullRequestContext> {
  const repo = resolveRepoContext(flags, env);
  const event = await readEvent(env.GITHUB_EVENT_PATH);
  const rawPr = flags.pr ?? event.pull_request?.number ?? event.number;
  const pr = Number(rawPr);
  if (rawPr === undefined || !Number.isInteger(pr) || pr <= 0) {
    throw new SislinkError('USAGE', 'no pull request number: run on a pull_request event or pass --pr');
  }
  const sha = nonEmpty(flags.sha) ?? event.pull_request?.head?.sha;
  if (sha === undefined || !/^[0-9a-f]{7,64}$/i.test(sha)) {
    throw new SislinkError('USAGE', 'no head commit: run on a pull_request event or pass --sha');
  }
  const baseRef = nonEmpty(flags.baseRef) ?? nonEmpty(event.pull_request?.base?.ref) ?? nonEmpty(env.GITHUB_BASE_REF);
  return { ...repo, pr, sha, baseRef };
}

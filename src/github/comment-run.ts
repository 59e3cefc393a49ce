/**
 * `sislink github comment`: plan the pull request's districts (holding credentials back from new
 * hosts) and their roster imports (as counts), post the plan as one sticky comment per repository
 * path, and set `sislink/plan`.
 */
import { loadDistrictsOrThrow } from '../config/load.js';
import type { LoadedDistrict } from '../config/types.js';
import { isSislinkError } from '../errors.js';
import { openReconcileContext, type ContextOptions } from '../commands/context.js';
import { summarise, summaryLine } from '../plan/plan.js';
import type { Plan } from '../plan/types.js';
import { findRepoRoot } from '../secrets/refs.js';
import { redact } from '../secrets/redact.js';
import { renderPlanComment } from './body.js';
import { createGitHubClient, type GitHubClient } from './client.js';
import { resolvePullRequestContext, type GitHubFlags, type PullRequestContext } from './env.js';
import { guardPullRequest } from './guard.js';
import { partHeader, pathKey } from './markers.js';
import { planWithGuard } from './plan-guarded.js';
import { planRosterSections, type RosterCommentSection } from './roster-sections.js';
import { splitBody } from './split.js';
import { setCommitStatus } from './status.js';
import { upsertStickyComments, type StickyResult } from './sticky.js';

export interface GithubCommentOptions extends ContextOptions {
  paths: string[];
  flags: GitHubFlags;
  env?: NodeJS.ProcessEnv;
  /** A ready client (tests); otherwise one is built from the token and API URL. */
  octokit?: GitHubClient;
  throttle?: boolean;
  allowUnlink?: boolean;
  write?: (text: string) => void;
}

export interface CommentOutcome {
  plan: Plan | undefined;
  parts: string[];
  comments: StickyResult;
  state: 'success' | 'failure';
}

type Planned = { ok: true; plan: Plan; loaded: Map<string, LoadedDistrict>; rosters: RosterCommentSection[] } | { ok: false; message: string };

async function planPullRequest(options: GithubCommentOptions, github: PullRequestContext, cwd: string): Promise<Planned> {
  try {
    const { districts } = await loadDistrictsOrThrow(options.paths, { cwd });
    const guard = await guardPullRequest(districts, github.baseRef, cwd);
    const context = await openReconcileContext({ ...options, cwd });
    try {
      const plan = await planWithGuard(context, options.paths, districts, guard.hosts, { allowUnlink: options.allowUnlink });
      const withheld = new Map(guard.classroom);
      for (const [name, change] of guard.hosts) if (!withheld.has(name)) withheld.set(name, change.reason);
      const rosters = await planRosterSections(context, districts, withheld);
      return { ok: true, plan, loaded: new Map(districts.map((district) => [district.config.metadata.name, district])), rosters };
    } finally {
      await context.close();
    }
  } catch (error) {
    if (!isSislinkError(error) || error.code === 'INTERNAL') throw error;
    return { ok: false, message: `${error.code}: ${error.message}` };
  }
}

function errorBody(message: string, sha: string): string {
  return ['### sislink plan (failed)', '', `The plan could not be computed for commit ${sha.slice(0, 12)}:`, '', '```text', message.replace(/```/g, "'''"), '```', ''].join('\n');
}

export async function postPlanComment(options: GithubCommentOptions): Promise<CommentOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const github = await resolvePullRequestContext(options.flags, options.env);
  const octokit = options.octokit ?? createGitHubClient({ token: github.token, baseUrl: github.apiUrl, throttle: options.throttle });
  const planned = await planPullRequest(options, github, cwd);
  const body = redact(planned.ok ? renderPlanComment(planned.plan, { loaded: planned.loaded, sha: github.sha, rosters: planned.rosters }) : errorBody(planned.message, github.sha));
  const key = pathKey(options.paths, cwd, findRepoRoot(cwd));
  const parts = splitBody(body, partHeader(key));
  const comments = await upsertStickyComments(octokit, { owner: github.owner, repo: github.repo, issueNumber: github.pr, key }, parts);
  const failed = !planned.ok || planned.plan.districts.some((district) => district.errors.length > 0);
  const state = failed ? 'failure' : 'success';
  const description = planned.ok ? summaryLine(summarise(planned.plan.districts)) : 'the plan could not be computed';
  await setCommitStatus(octokit, { owner: github.owner, repo: github.repo, sha: github.sha, state, description });
  return { plan: planned.ok ? planned.plan : undefined, parts, comments, state };
}

export async function runGithubComment(options: GithubCommentOptions): Promise<number> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const outcome = await postPlanComment(options);
  const { created, updated, deleted } = outcome.comments;
  write(`plan comment: ${outcome.parts.length} part${outcome.parts.length === 1 ? '' : 's'} (${created.length} created, ${updated.length} updated, ${deleted.length} deleted); status sislink/plan: ${outcome.state}\n`);
  return outcome.state === 'success' ? 0 : 1;
}

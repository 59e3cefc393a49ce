/** The `sislink/plan` commit status on a pull request's head commit. */
import { redact } from '../secrets/redact.js';
import type { GitHubClient } from './client.js';

export const PLAN_STATUS_CONTEXT = 'sislink/plan';

export type CommitState = 'success' | 'failure' | 'error' | 'pending';

export interface CommitStatus {
  owner: string;
  repo: string;
  sha: string;
  state: CommitState;
  description: string;
  targetUrl?: string;
}

/** GitHub caps a status description at 140 characters. */
export async function setCommitStatus(octokit: GitHubClient, status: CommitStatus): Promise<void> {
  const description = redact(status.description);
  await octokit.rest.repos.createCommitStatus({
    owner: status.owner,
    repo: status.repo,
    sha: status.sha,
    state: status.state,
    context: PLAN_STATUS_CONTEXT,
    description: description.length > 140 ? `${description.slice(0, 139)}…` : description,
    ...(status.targetUrl === undefined ? {} : { target_url: status.targetUrl }),
  });
}

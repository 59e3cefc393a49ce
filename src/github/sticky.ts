/**
 * One sticky comment (possibly in several parts) per repository path on a pull request: found by
 * its hidden marker, updated in place, extra parts from an earlier, longer plan deleted.
 */
import { redact } from '../secrets/redact.js';
import type { GitHubClient } from './client.js';
import { parseMarker } from './markers.js';

export interface StickyTarget {
  owner: string;
  repo: string;
  /** Pull request (or issue) number. */
  issueNumber: number;
  key: string;
}

export interface StickyResult {
  created: number[];
  updated: number[];
  deleted: number[];
  /** Comment ids of the parts, in order. */
  ids: number[];
}

interface ExistingComment {
  id: number;
  body?: string | null;
}

/** Comments carrying this key's marker, by part index; duplicates of an index come after the first. */
export async function findStickyComments(octokit: GitHubClient, target: StickyTarget): Promise<Map<number, ExistingComment[]>> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  const byIndex = new Map<number, ExistingComment[]>();
  for (const comment of comments) {
    const marker = parseMarker(comment.body);
    if (marker === undefined || marker.key !== target.key) continue;
    byIndex.set(marker.index, [...(byIndex.get(marker.index) ?? []), { id: comment.id, body: comment.body }]);
  }
  return byIndex;
}

export async function upsertStickyComments(octokit: GitHubClient, target: StickyTarget, parts: readonly string[]): Promise<StickyResult> {
  const existing = await findStickyComments(octokit, target);
  const result: StickyResult = { created: [], updated: [], deleted: [], ids: [] };
  const base = { owner: target.owner, repo: target.repo };
  for (const [position, part] of parts.entries()) {
    const body = redact(part);
    const [current] = existing.get(position + 1) ?? [];
    if (current === undefined) {
      const { data } = await octokit.rest.issues.createComment({ ...base, issue_number: target.issueNumber, body });
      result.created.push(data.id);
      result.ids.push(data.id);
      continue;
    }
    await octokit.rest.issues.updateComment({ ...base, comment_id: current.id, body });
    result.updated.push(current.id);
    result.ids.push(current.id);
  }
  const stale = [...existing].flatMap(([index, comments]) => (index > parts.length ? comments : comments.slice(1)));
  for (const comment of stale) {
    await octokit.rest.issues.deleteComment({ ...base, comment_id: comment.id });
    result.deleted.push(comment.id);
  }
  return result;
}

/**
 * One tracking issue for a repository's nightly reconcile: opened or updated while something needs
 * a person, closed with a note once everything is resolved. Found by its label and hidden marker.
 */
import { redact } from '../secrets/redact.js';
import type { GitHubClient } from './client.js';
import type { ReconcileFinding } from './findings.js';

export const ISSUE_LABEL = 'sislink-reconcile';
export const ISSUE_MARKER = '<!-- sislink-reconcile -->';
export const ISSUE_TITLE = 'sislink: districts need attention';

export interface IssueTarget {
  owner: string;
  repo: string;
}

export type IssueOutcome = { action: 'created' | 'updated' | 'closed'; number: number } | { action: 'none' };

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function renderIssueBody(findings: readonly ReconcileFinding[], now: string, runUrl?: string): string {
  return [
    ISSUE_MARKER,
    `The nightly reconcile of ${now} found ${findings.length} problem${findings.length === 1 ? '' : 's'}.${runUrl ? ` [Run](${runUrl})` : ''}`,
    '',
    '| district | kind | details |',
    '|---|---|---|',
    ...findings.map((finding) => `| ${cell(finding.district)} | ${finding.kind} | ${cell(finding.message)} |`),
    '',
    'This issue is updated by every scheduled run and closed automatically once all problems are resolved.',
    '',
  ].join('\n');
}

export async function findTrackingIssue(octokit: GitHubClient, target: IssueTarget): Promise<{ number: number } | undefined> {
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { ...target, state: 'open', labels: ISSUE_LABEL, per_page: 100 });
  const match = issues.find((issue) => issue.pull_request === undefined && (issue.body ?? '').includes(ISSUE_MARKER));
  return match === undefined ? undefined : { number: match.number };
}

export async function syncTrackingIssue(
  octokit: GitHubClient,
  target: IssueTarget,
  findings: readonly ReconcileFinding[],
  now: string,
  runUrl?: string,
): Promise<IssueOutcome> {
  const existing = await findTrackingIssue(octokit, target);
  if (findings.length === 0) {
    if (existing === undefined) return { action: 'none' };
    await octokit.rest.issues.createComment({ ...target, issue_number: existing.number, body: redact(`All problems are resolved as of the reconcile of ${now}. Closing.`) });
    await octokit.rest.issues.update({ ...target, issue_number: existing.number, state: 'closed', state_reason: 'completed' });
    return { action: 'closed', number: existing.number };
  }
  const body = redact(renderIssueBody(findings, now, runUrl));
  if (existing !== undefined) {
    await octokit.rest.issues.update({ ...target, issue_number: existing.number, body });
    return { action: 'updated', number: existing.number };
  }
  const { data } = await octokit.rest.issues.create({ ...target, title: ISSUE_TITLE, body, labels: [ISSUE_LABEL] });
  return { action: 'created', number: data.number };
}

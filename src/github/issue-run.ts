/** `sislink github issue --from REPORT.json [PATH...]`: keep the reconcile tracking issue in step. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadDistricts } from '../config/load.js';
import { SislinkError } from '../errors.js';
import { createGitHubClient, type GitHubClient } from './client.js';
import { resolveRepoContext, type GitHubFlags } from './env.js';
import { expiryFindings, parseReconcileReport, reportFindings } from './findings.js';
import { syncTrackingIssue, type IssueOutcome } from './issue.js';

export interface GithubIssueOptions {
  from: string;
  /** District files for the credential-expiry check; none means the working directory. */
  paths: string[];
  flags: GitHubFlags;
  now: Date;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  octokit?: GitHubClient;
  throttle?: boolean;
  write?: (text: string) => void;
}

function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}

export async function runGithubIssue(options: GithubIssueOptions): Promise<IssueOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const github = resolveRepoContext(options.flags, env);
  let text: string;
  try {
    text = await readFile(resolve(cwd, options.from), 'utf8');
  } catch {
    throw new SislinkError('USAGE', `--from ${options.from}: cannot read the reconcile report`);
  }
  const report = parseReconcileReport(text, options.from);
  const { districts } = await loadDistricts(options.paths, { cwd });
  const findings = [...reportFindings(report), ...expiryFindings(districts, options.now)];
  const octokit = options.octokit ?? createGitHubClient({ token: github.token, baseUrl: github.apiUrl, throttle: options.throttle });
  const outcome = await syncTrackingIssue(octokit, { owner: github.owner, repo: github.repo }, findings, report.now, runUrl(env));
  const write = options.write ?? ((line: string) => void process.stdout.write(line));
  write(outcome.action === 'none' ? 'nothing to report; no tracking issue open\n' : `tracking issue #${outcome.number} ${outcome.action} (${findings.length} finding${findings.length === 1 ? '' : 's'})\n`);
  return outcome;
}

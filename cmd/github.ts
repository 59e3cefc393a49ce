import { Command } from 'commander';
import { runCommand } from './exit.js';
import { globalOptions } from './globals.js';

interface GitHubCliFlags {
  token?: string;
  repo?: string;
  apiUrl?: string;
}

function withGitHubFlags(command: Command): Command {
  return command
    .option('--token <token>', 'GitHub token (default: $GITHUB_TOKEN)')
    .option('--repo <owner/name>', 'repository (default: $GITHUB_REPOSITORY)')
    .option('--api-url <url>', 'GitHub REST root (default: $GITHUB_API_URL or https://api.github.com)');
}

function makeCommentCommand(): Command {
  return withGitHubFlags(new Command('comment'))
    .description('post the plan to the pull request as one sticky comment and set the sislink/plan status')
    .argument('[paths...]', 'district files or directories (default: current directory)')
    .option('--pr <number>', 'pull request number (default: from $GITHUB_EVENT_PATH)')
    .option('--sha <commit>', 'head commit for the status (default: from $GITHUB_EVENT_PATH)')
    .option('--base-ref <ref>', 'branch the pull request merges into (default: from $GITHUB_EVENT_PATH)')
    .option('--allow-unlink', 'plan to unlink districts whose files were removed')
    .action((paths: string[], options: GitHubCliFlags & { pr?: string; sha?: string; baseRef?: string; allowUnlink?: boolean }, command: Command) =>
      runCommand(async () => {
        const globals = globalOptions(command);
        const { runGithubComment } = await import('../src/github/comment-run.js');
        return runGithubComment({ ...globals, paths, allowUnlink: options.allowUnlink, flags: options });
      }),
    );
}

function makeIssueCommand(): Command {
  return withGitHubFlags(new Command('issue'))
    .description('open, update or close the one tracking issue from a `reconcile --format json` report')
    .argument('[paths...]', 'district files for the credential-expiry check (default: current directory)')
    .requiredOption('--from <file>', 'report written by `sislink reconcile --format json`')
    .action((paths: string[], options: GitHubCliFlags & { from: string }, command: Command) =>
      runCommand(async () => {
        const globals = globalOptions(command);
        const { runGithubIssue } = await import('../src/github/issue-run.js');
        await runGithubIssue({ from: options.from, paths, now: globals.now, flags: options });
        return 0;
      }),
    );
}

export function makeGithubCommand(): Command {
  return new Command('github')
    .description('GitOps on GitHub: plan comments on pull requests, the reconcile tracking issue')
    .addCommand(makeCommentCommand())
    .addCommand(makeIssueCommand());
}

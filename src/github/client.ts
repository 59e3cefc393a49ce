/** The GitHub REST client: @octokit/rest with retries and GitHub's recommended request pacing. */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { getLogger } from '../log.js';

export type GitHubClient = Octokit;

export interface GitHubClientOptions {
  token: string;
  /** REST root, e.g. https://api.github.com or a GitHub Enterprise / test server URL. */
  baseUrl: string;
  /** Pace writes as GitHub asks (one per second, notifications every three). Default true. */
  throttle?: boolean;
}

const SislinkOctokit = Octokit.plugin(retry, throttling);

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const logger = getLogger();
  return new SislinkOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'sislink',
    log: { debug: () => undefined, info: () => undefined, warn: (message: string) => logger.warn(message), error: (message: string) => logger.error(message) },
    throttle: {
      enabled: options.throttle ?? true,
      onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        logger.warn(`GitHub rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
        return retryCount < 2;
      },
      onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        logger.warn(`GitHub secondary rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
        return retryCount < 2;
      },
    },
  }) as GitHubClient;
}

/** A throwaway git repository for tests, with a fixed identity and no global config. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempRepo {
  dir: string;
  git(...args: string[]): string;
  write(path: string, text: string): void;
  commit(message: string, options?: { author?: string; date?: string }): string;
  remove(): void;
}

export function createTempRepo(): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), 'sislink-repo-'));
  const baseEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: baseEnv, encoding: 'utf8' });
  git('-c', 'init.defaultBranch=main', 'init', '-q');
  return {
    dir,
    git,
    write(path, text) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    commit(message, options = {}) {
      const [name, email] = (options.author ?? 'Dana Admin <dana@example.org>').split(/ <|>/);
      const date = options.date ?? '2025-08-01T12:00:00Z';
      git('add', '-A');
      execFileSync('git', ['-c', `user.name=${name}`, '-c', `user.email=${email}`, 'commit', '-q', '--allow-empty', '-m', message], {
        cwd: dir,
        env: { ...baseEnv, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
      return git('rev-parse', 'HEAD').trim();
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface DistrictYamlOptions {
  name?: string;
  host: string;
  secretEnv?: string;
  sisSupport?: boolean;
}

export function districtYaml(options: DistrictYamlOptions): string {
  return `apiVersion: sislink/v1
kind: SisLink
metadata:
  name: ${options.name ?? 'maple-valley'}
  domain: maple.example.org
  timezone: America/Chicago
spec:
  vendor: oneroster
  sis:
    baseUrl: ${options.host}/api
    tokenUrl: ${options.host}/oauth/token
  link:
    target: connector
  consent:
    sisSupport: ${options.sisSupport ?? false}
  credentials:
    records:
      - name: Google Classroom 2025
        key: maple-key
        secret: env:${options.secretEnv ?? 'SISLINK_TEST_SIS_SECRET'}
        effective: "2025-07-01"
        expiration: "2026-07-31"
`;
}

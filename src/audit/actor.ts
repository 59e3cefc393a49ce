/** Who is acting: the CI user when GitHub Actions runs us, else the OS user; always with the host. */
import { hostname, userInfo } from 'node:os';

export interface Actor {
  name: string;
  host: string;
  source: 'GITHUB_ACTOR' | 'os';
}

function osUser(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    // Containers may run under a uid with no passwd entry.
    return env.USER ?? env.USERNAME ?? `uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

export function actorInfo(env: NodeJS.ProcessEnv = process.env): Actor {
  const github = env.GITHUB_ACTOR?.trim();
  if (github) return { name: github, host: hostname(), source: 'GITHUB_ACTOR' };
  return { name: osUser(env), host: hostname(), source: 'os' };
}

/** The actor's name as recorded in the audit log and in attestations. */
export function currentActor(env: NodeJS.ProcessEnv = process.env): string {
  return actorInfo(env).name;
}

/**
 * Path confinement for `file:` references and the file secret store: a path may not leave the
 * repository root (or the configured secrets directory), and symlinks are resolved before checking.
 */
import { existsSync, statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { SecretContext } from './types.js';

/** Nearest directory at or above `startDir` holding `.git`; `startDir` itself when there is none. */
export function findRepoRoot(startDir: string): string {
  const start = path.resolve(startDir);
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return isDirectory(start) ? start : path.dirname(start);
    dir = parent;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return true;
  }
}

/** The directory secrets must stay in: secretsDir (relative to repoRoot) when given, else repoRoot. */
export function confinementRoot(context: SecretContext): string {
  return context.secretsDir === undefined ? path.resolve(context.repoRoot) : path.resolve(context.repoRoot, context.secretsDir);
}

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** realpath of the longest existing prefix, with the rest appended: works for paths not yet created. */
export async function realpathPartial(target: string): Promise<string> {
  const absolute = path.resolve(target);
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

export type Confined = { path: string } | { reason: string };

/**
 * Resolves `relative` against the config file's directory and checks it stays inside the
 * confinement root, before and after following symlinks. The file need not exist.
 */
export async function confinePath(relative: string, context: SecretContext): Promise<Confined> {
  const root = confinementRoot(context);
  const realRoot = await realpathPartial(root);
  const configDir = await realpathPartial(path.dirname(path.resolve(context.configFile)));
  const candidate = path.resolve(configDir, relative);
  const where = context.secretsDir === undefined ? 'the repository root' : 'the secrets directory';
  if (!isInside(realRoot, candidate)) return { reason: `resolves outside ${where} ${root}` };
  const real = await realpathPartial(candidate);
  if (!isInside(realRoot, real)) return { reason: `follows a symlink outside ${where} ${root}` };
  return { path: real };
}

/** The `file:` target that reads the real path `absolute` back from the config file's directory (POSIX separators). */
export async function relativeFromConfig(absolute: string, context: SecretContext): Promise<string> {
  const configDir = await realpathPartial(path.dirname(path.resolve(context.configFile)));
  return path.relative(configDir, absolute).split(path.sep).join('/');
}

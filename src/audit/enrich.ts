/**
 * Adds git provenance (commit, blob hash, dirty) to events that name a config file, so every
 * caller gets it without asking. Cached per file version: a run reads the same file many times.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { gitInfo, type GitInfo } from './git.js';
import type { AuditEvent } from './types.js';

export type GitLookup = (event: AuditEvent) => Promise<AuditEvent>;

export function gitEnricher(cwd: string): GitLookup {
  const cache = new Map<string, Promise<GitInfo | undefined>>();
  return async (event) => {
    if (event.configFile === undefined || event.gitCommit !== undefined) return event;
    const file = resolve(cwd, event.configFile);
    let version: string;
    try {
      const info = await stat(file);
      version = `${file}\0${info.mtimeMs}\0${info.size}`;
    } catch {
      return event;
    }
    let lookup = cache.get(version);
    if (lookup === undefined) {
      lookup = gitInfo(file);
      cache.set(version, lookup);
    }
    const info = await lookup;
    if (info === undefined) return event;
    return { ...event, gitCommit: info.commit, blobHash: info.blobHash, gitDirty: info.dirty };
  };
}

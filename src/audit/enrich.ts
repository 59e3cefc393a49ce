/**
 * Adds git provenance (commit, blob hash, dirty) to events that name a config file, so every
 * caller gets it without asking. gitInfo keeps its own caches, keyed so that a new commit or an
 * edited file is seen by the next event.
 */
import { resolve } from 'node:path';
import { gitInfo } from './git.js';
import type { AuditEvent } from './types.js';

export type GitLookup = (event: AuditEvent) => Promise<AuditEvent>;

export function gitEnricher(cwd: string): GitLookup {
  return async (event) => {
    if (event.configFile === undefined || event.gitCommit !== undefined) return event;
    const info = await gitInfo(resolve(cwd, event.configFile));
    if (info === undefined) return event;
    return { ...event, gitCommit: info.commit, blobHash: info.blobHash, gitDirty: info.dirty };
  };
}

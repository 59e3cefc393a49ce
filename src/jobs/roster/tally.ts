/** Counts and samples of one roster-import run, reported as the job's JSON summary. */
import { ACTION_KINDS, type RosterActionKind } from './types.js';

const SAMPLE = 50;

export interface RosterFailure {
  kind: RosterActionKind;
  alias: string;
  target: string;
  error: string;
}

export interface NotFoundUser {
  email: string;
  classId: string;
  role: 'owner' | 'teacher' | 'student';
}

export interface ApplyCounts {
  applied: Record<RosterActionKind, number>;
  /** Already true when sent (ALREADY_EXISTS on a create or add, NOT_FOUND on a removal). */
  alreadyDone: number;
  failed: number;
  skipped: number;
  notFoundUsers: number;
  failures: RosterFailure[];
  notFoundSample: NotFoundUser[];
}

export interface ApplyTally {
  applied(kind: RosterActionKind): void;
  alreadyDone(kind: RosterActionKind): void;
  failed(failure: RosterFailure): void;
  skipped(count: number): void;
  notFound(user: NotFoundUser): void;
  done(): number;
  counts(): ApplyCounts;
}

export function createApplyTally(): ApplyTally {
  const counts: ApplyCounts = {
    applied: Object.fromEntries(ACTION_KINDS.map((kind) => [kind, 0])) as Record<RosterActionKind, number>,
    alreadyDone: 0, failed: 0, skipped: 0, notFoundUsers: 0, failures: [], notFoundSample: [],
  };
  let done = 0;
  return {
    applied(kind) {
      counts.applied[kind] += 1;
      done += 1;
    },
    alreadyDone(kind) {
      counts.applied[kind] += 1;
      counts.alreadyDone += 1;
      done += 1;
    },
    failed(failure) {
      counts.failed += 1;
      done += 1;
      if (counts.failures.length < SAMPLE) counts.failures.push(failure);
    },
    skipped(count) {
      counts.skipped += count;
      done += count;
    },
    notFound(user) {
      counts.notFoundUsers += 1;
      if (user.role !== 'owner') done += 1;
      if (counts.notFoundSample.length < SAMPLE) counts.notFoundSample.push(user);
    },
    done: () => done,
    counts: () => counts,
  };
}

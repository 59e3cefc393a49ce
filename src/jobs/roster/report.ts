/** The roster job's report: what was read, planned, applied and refused (the JSON summary). */
import type { ClassroomStats } from '../../classroom/index.js';
import type { ApplyCounts } from './tally.js';
import type { SafetyViolation } from './safety.js';
import type { SisRosterCounts } from './read-sis.js';
import type { RosterActionKind, RosterIssue, RosterIssueKind, RosterPlan } from './types.js';

const ISSUE_SAMPLE = 20;

export type RosterOutcome = 'planned' | 'no-changes' | 'applied' | 'partial' | 'refused';

export interface RosterReport {
  district: string;
  job: string;
  mode: 'plan' | 'apply';
  outcome: RosterOutcome;
  /** The day the terms were judged against (district time zone). */
  today: string;
  terms: { sourcedId: string; title: string }[];
  sis: SisRosterCounts;
  desired: { courses: number; members: number };
  /** Courses found (by alias or by the fallback); byFallback: of them, matched by teacher email + title. */
  observed: { courses: number; byFallback: number; members: number };
  planned: Record<RosterActionKind, number> & { total: number };
  unchanged: number;
  applied?: ApplyCounts;
  refused?: { message: string; violations: SafetyViolation[] };
  /** Intents a killed earlier run left open, settled before this run. */
  interruptedSettled: number;
  issues: { counts: Partial<Record<RosterIssueKind, number>>; sample: RosterIssue[] };
  requests: {
    oneRoster: Record<string, number>;
    /** Logical Classroom API calls per HTTP method (a retried call counts once). */
    classroom: Record<string, number>;
    classroomTotal: number;
    /** The fewest Classroom calls this run could have made (see minimumClassroomCalls). */
    classroomMinimum: number;
    classroomRetries: number;
  };
  durationMs: number;
}

export function summariseIssues(issues: readonly RosterIssue[]): RosterReport['issues'] {
  const counts: Partial<Record<RosterIssueKind, number>> = {};
  for (const issue of issues) counts[issue.kind] = (counts[issue.kind] ?? 0) + 1;
  return { counts, sample: issues.slice(0, ISSUE_SAMPLE) };
}

/**
 * One lookup per class (by alias; with the fallback, also the course listings it made), two member
 * listings per course found with members to compare, and one write per planned action: no run can
 * do with fewer calls.
 */
export function minimumClassroomCalls(lookups: number, coursesListed: number, writes: number): number {
  return lookups + 2 * coursesListed + writes;
}

export function classroomCallTotals(stats: ClassroomStats): { calls: Record<string, number>; total: number; retries: number } {
  const total = Object.values(stats.calls).reduce((sum, count) => sum + count, 0);
  return { calls: stats.calls, total, retries: stats.http.retries };
}

export function plannedCounts(plan: RosterPlan): RosterReport['planned'] {
  return { ...plan.counts, total: plan.actions.length };
}

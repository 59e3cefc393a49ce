/**
 * Safety rails against a SIS that answers with an empty or sharply shrunken roster (an outage, a
 * rollover half done, a wrong filter): removals beyond a share of a course's members or of all
 * enrollments, or an empty roster after a non-empty one, are refused unless explicitly allowed.
 * Both shares apply only from a few removals on: in a course of three, one leaving student is
 * already a third, and an ordinary drop should not stop the district's import (the same holds for
 * a district whose import sees only a handful of enrollments).
 */
import type { RosterPlan } from './types.js';

export interface SafetyLimits {
  /** Largest share of one course's members a run may remove; default 0.2. */
  maxCourseShare: number;
  /** Largest share of all observed enrollments a run may remove; default 0.05. */
  maxTotalShare: number;
  /** The shares are checked only from this many removals (in one course, in the run); default 3. */
  minRemovals: number;
}

export const DEFAULT_SAFETY_LIMITS: SafetyLimits = { maxCourseShare: 0.2, maxTotalShare: 0.05, minRemovals: 3 };

export interface SafetyViolation {
  rule: 'course-share' | 'total-share' | 'empty-roster';
  message: string;
  classId?: string;
}

export interface SafetyCheck {
  ok: boolean;
  violations: SafetyViolation[];
  totalRemovals: number;
}

/** What the previous run saw, kept in the state store, to spot a roster that went empty. */
export interface RosterBaseline {
  courses: number;
  members: number;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/** Limits left out take their defaults (DEFAULT_SAFETY_LIMITS). */
export function checkSafety(plan: RosterPlan, baseline: RosterBaseline | undefined, given: Partial<SafetyLimits> = {}): SafetyCheck {
  const limits: SafetyLimits = { ...DEFAULT_SAFETY_LIMITS, ...given };
  const violations: SafetyViolation[] = [];
  let totalRemovals = 0;
  for (const course of plan.removals) {
    totalRemovals += course.removals;
    if (course.removals < limits.minRemovals) continue;
    const share = course.members === 0 ? 0 : course.removals / course.members;
    if (share > limits.maxCourseShare) {
      violations.push({
        rule: 'course-share', classId: course.classId,
        message: `${course.alias} (course ${course.courseId}): would remove ${course.removals} of ${course.members} members ` +
          `(${percent(share)}, limit ${percent(limits.maxCourseShare)} of a course once it loses ${limits.minRemovals} or more)`,
      });
    }
  }
  const totalShare = plan.observedMembers === 0 ? 0 : totalRemovals / plan.observedMembers;
  if (totalRemovals >= limits.minRemovals && totalShare > limits.maxTotalShare) {
    violations.push({
      rule: 'total-share',
      message: `would remove ${totalRemovals} of ${plan.observedMembers} enrollments in the district's courses (${percent(totalShare)}, limit ${percent(limits.maxTotalShare)})`,
    });
  }
  if (baseline !== undefined && baseline.members > 0 && plan.desiredMembers === 0) {
    violations.push({
      rule: 'empty-roster',
      message: `the SIS answered with an empty roster (0 enrollments in the current term; the last run saw ${baseline.members} in ${baseline.courses} classes)`,
    });
  }
  return { ok: violations.length === 0, violations, totalRemovals };
}

export function describeRefusal(check: SafetyCheck): string {
  // The district-wide numbers first: they say most about what went wrong.
  const ordered = [...check.violations].sort((a, b) => Number(a.rule === 'course-share') - Number(b.rule === 'course-share'));
  const shown = ordered.slice(0, 5).map((v) => `  - ${v.message}`);
  if (check.violations.length > 5) shown.push(`  - ... and ${check.violations.length - 5} more`);
  return [
    `refusing to apply the roster import: the SIS roster shrank sharply (${check.totalRemovals} removal(s) planned); nothing was changed.`,
    ...shown,
    'If the SIS is right, re-run with --allow-mass-removal.',
  ].join('\n');
}

import { describe, expect, it } from 'vitest';
import { checkSafety, describeRefusal, planRosterActions } from '../../src/jobs/roster/index.js';
import { course, desiredOf, observedCourse, observedOf, students } from './fixtures.js';

const SYNC = { removeUnenrolled: true, archiveEndedTerms: false };

function planFor(kept: number, of: number, others = 0) {
  const all = students('s', of);
  const courses = [course('a', ['t@x.edu'], all.slice(0, kept))];
  const observed = [observedCourse('a', ['t@x.edu'], all)];
  for (let i = 0; i < others; i++) {
    courses.push(course(`o${i}`, ['t@x.edu'], students(`o${i}-`, 30)));
    observed.push(observedCourse(`o${i}`, ['t@x.edu'], students(`o${i}-`, 30)));
  }
  return planRosterActions(desiredOf(courses), observedOf(observed), SYNC);
}

describe('checkSafety', () => {
  it('allows removing up to 20% of a course and 5% of all enrollments', () => {
    // 2 of 10 students + the teacher = 2 of 11 members (18%); 2 of 11 + 40 x 31 (0.2%).
    const check = checkSafety(planFor(8, 10, 40), undefined);
    expect(check).toMatchObject({ ok: true, totalRemovals: 2 });
  });

  it('refuses removing more than 20% of one course, naming the numbers', () => {
    const check = checkSafety(planFor(7, 10, 40), undefined);
    expect(check.ok).toBe(false);
    expect(check.violations).toHaveLength(1);
    expect(check.violations[0]!.message).toBe('d:a (course c-a): would remove 3 of 11 members (27.3%, limit 20% of a course once it loses 3 or more)');
    expect(describeRefusal(check)).toContain('nothing was changed');
    expect(describeRefusal(check)).toContain('--allow-mass-removal');
  });

  it('refuses removing more than 5% of all enrollments even when each course stays under 20%', () => {
    const all = students('s', 10);
    const courses = Array.from({ length: 10 }, (_, i) => course(`c${i}`, ['t@x.edu'], all.slice(0, 9)));
    const observed = Array.from({ length: 10 }, (_, i) => observedCourse(`c${i}`, ['t@x.edu'], all));
    const check = checkSafety(planRosterActions(desiredOf(courses), observedOf(observed), SYNC), undefined);
    expect(check.violations.map((v) => v.rule)).toEqual(['total-share']);
    expect(check.violations[0]!.message).toContain("would remove 10 of 110 enrollments in the district's courses (9.1%, limit 5%)");
  });

  it('refuses an empty SIS roster after a non-empty run even when nothing would be removed', () => {
    const plan = planRosterActions(desiredOf([]), observedOf([]), SYNC);
    expect(checkSafety(plan, undefined).ok).toBe(true);
    const check = checkSafety(plan, { courses: 30, members: 3000 });
    expect(check.violations.map((v) => v.rule)).toEqual(['empty-roster']);
    expect(check.violations[0]!.message).toContain('the last run saw 3000 in 30 classes');
  });

  it('does not apply the course share below 3 removals: 1 or 2 leaving a course of 3 students pass', () => {
    // 1 of 4 members (25%) and 2 of 4 (50%) in a tiny course; 40 other courses keep the total low.
    expect(checkSafety(planFor(2, 3, 40), undefined)).toMatchObject({ ok: true, totalRemovals: 1 });
    expect(checkSafety(planFor(1, 3, 40), undefined)).toMatchObject({ ok: true, totalRemovals: 2 });
    const three = checkSafety(planFor(1, 4, 40), undefined);
    expect(three.violations.map((v) => v.message)).toEqual(['d:a (course c-a): would remove 3 of 5 members (60%, limit 20% of a course once it loses 3 or more)']);
    expect(describeRefusal(three)).toContain('d:a (course c-a): would remove 3 of 5 members');
  });

  it('applies the same floor to the district-wide share: a district of one small course is not refused for one drop', () => {
    expect(checkSafety(planFor(2, 3), undefined)).toMatchObject({ ok: true, totalRemovals: 1 });
    expect(checkSafety(planFor(1, 3), undefined)).toMatchObject({ ok: true, totalRemovals: 2 });
    expect(checkSafety(planFor(0, 3), undefined).violations.map((v) => v.rule).sort()).toEqual(['course-share', 'total-share']);
  });

  it('takes the removal floor as a limit too', () => {
    expect(checkSafety(planFor(2, 3, 40), undefined, { minRemovals: 1 }).violations.map((v) => v.message)).toEqual([
      'd:a (course c-a): would remove 1 of 4 members (25%, limit 20% of a course once it loses 1 or more)',
    ]);
    expect(checkSafety(planFor(1, 4, 40), undefined, { minRemovals: 4 }).ok).toBe(true);
  });

  it('takes custom limits', () => {
    expect(checkSafety(planFor(7, 10, 40), undefined, { maxCourseShare: 0.5, maxTotalShare: 0.5 }).ok).toBe(true);
  });
});

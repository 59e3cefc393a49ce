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
    expect(check.violations[0]!.message).toBe('d:a: would remove 3 of 11 members (27.3%, limit 20%)');
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

  it('takes custom limits', () => {
    expect(checkSafety(planFor(7, 10, 40), undefined, { maxCourseShare: 0.5, maxTotalShare: 0.5 }).ok).toBe(true);
  });
});

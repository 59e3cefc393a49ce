import { describe, expect, it } from 'vitest';
import { planRosterActions } from '../../src/jobs/roster/index.js';
import { course, desiredOf, observedCourse, observedOf, students } from './fixtures.js';

const KEEP = { removeUnenrolled: false, archiveEndedTerms: false };
const SYNC = { removeUnenrolled: true, archiveEndedTerms: true };

describe('planRosterActions', () => {
  it('creates a missing course with the primary teacher as owner, then adds the other teachers and the students', () => {
    const desired = desiredOf([course('a', ['t1@x.edu', 't2@x.edu'], ['s1@x.edu', 's2@x.edu'])]);
    const plan = planRosterActions(desired, observedOf([]), KEEP);
    expect(plan.actions.map((a) => a.kind)).toEqual(['create-course', 'add-teacher', 'add-student', 'add-student']);
    expect(plan.actions[0]).toMatchObject({ alias: 'd:a', owner: 't1@x.edu', ownerCandidates: ['t1@x.edu', 't2@x.edu'], fields: { name: 'Class a', section: 'C-a', room: 'Room 1' } });
    expect(plan.counts['add-student']).toBe(2);
  });

  it('plans nothing when Classroom matches the SIS', () => {
    const desired = desiredOf([course('a', ['t1@x.edu'], ['s1@x.edu'])]);
    const plan = planRosterActions(desired, observedOf([observedCourse('a', ['t1@x.edu'], ['s1@x.edu'])]), SYNC);
    expect(plan.actions).toEqual([]);
    expect(plan.unchanged).toBe(1);
  });

  it('removes unenrolled members only when removeUnenrolled is on, and never the owner', () => {
    const desired = desiredOf([course('a', ['t2@x.edu'], ['s1@x.edu', 's3@x.edu'])]);
    const observed = observedOf([observedCourse('a', ['t1@x.edu', 't2@x.edu', 't3@x.edu'], ['s1@x.edu', 's2@x.edu'])]);
    const keep = planRosterActions(desired, observed, KEEP);
    expect(keep.actions.map((a) => `${a.kind} ${'email' in a ? a.email : ''}`)).toEqual(['add-student s3@x.edu']);
    const sync = planRosterActions(desired, observed, SYNC);
    expect(sync.actions.map((a) => `${a.kind} ${'email' in a ? a.email : ''}`)).toEqual([
      'add-student s3@x.edu', 'remove-teacher t3@x.edu', 'remove-student s2@x.edu',
    ]);
    expect(sync.issues.map((i) => i.kind)).toContain('owner-not-enrolled');
    expect(sync.removals).toEqual([{ classId: 'a', alias: 'd:a', courseId: 'c-a', removals: 2, members: 5 }]);
  });

  it('archives courses of ended terms only when archiveEndedTerms is on and the course is not archived yet', () => {
    const desired = desiredOf([], ['old', 'gone', 'done']);
    const observed = observedOf([observedCourse('old', ['t@x.edu'], []), observedCourse('done', ['t@x.edu'], [], 'ARCHIVED')]);
    expect(planRosterActions(desired, observed, KEEP).actions).toEqual([]);
    const plan = planRosterActions(desired, observed, SYNC);
    expect(plan.actions).toEqual([{ kind: 'archive-course', classId: 'old', alias: 'd:old', courseId: 'c-old' }]);
  });

  it('reports a class without a teacher instead of creating an ownerless course', () => {
    const plan = planRosterActions(desiredOf([course('a', [], ['s1@x.edu'])]), observedOf([]), KEEP);
    expect(plan.actions).toEqual([]);
    expect(plan.issues).toMatchObject([{ kind: 'no-teacher', classId: 'a' }]);
  });

  it('leaves archived courses and members without a visible email alone', () => {
    const archived = observedCourse('a', ['t@x.edu'], [], 'ARCHIVED');
    const hidden = { ...observedCourse('b', ['t@x.edu'], []), students: [{ userId: 'u-hidden' }] };
    const plan = planRosterActions(desiredOf([course('a', ['t@x.edu'], ['s@x.edu']), course('b', ['t@x.edu'], [])]), observedOf([archived, hidden]), SYNC);
    expect(plan.actions).toEqual([]);
    expect(plan.issues.map((i) => i.kind).sort()).toEqual(['course-archived', 'member-without-email']);
  });

  it('scales linearly: 2,000 courses of 25 students plan in one pass', () => {
    const courses = Array.from({ length: 2000 }, (_, i) => course(`c${i}`, [`t${i}@x.edu`], students(`s${i}-`, 25)));
    const plan = planRosterActions(desiredOf(courses), observedOf([]), SYNC);
    expect(plan.actions.length).toBe(2000 * 26);
    expect(plan.desiredMembers).toBe(2000 * 26);
  });
});

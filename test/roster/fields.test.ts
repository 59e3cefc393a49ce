import { describe, expect, it } from 'vitest';
import { planRosterActions } from '../../src/jobs/roster/index.js';
import { courseFieldsOf, diffCourseFields, patchOf } from '../../src/jobs/roster/fields.js';
import { course, desiredOf, observedCourse, observedOf } from './fixtures.js';

const KEEP = { removeUnenrolled: false, archiveEndedTerms: false };

describe('course field updates (pure)', () => {
  it('compares only the owned fields the SIS gives a value, with before and after', () => {
    const desired = { name: 'Algebra II', section: 'ALG2-1', room: undefined, descriptionHeading: 'Algebra II', description: 'Fall 2026' };
    const observed = courseFieldsOf({ name: 'Algebra I', section: 'ALG2-1', room: 'Lab 3', descriptionHeading: '', description: 'Fall 2026' });
    expect(observed).toEqual({ name: 'Algebra I', section: 'ALG2-1', room: 'Lab 3', description: 'Fall 2026' });
    const changes = diffCourseFields(desired, observed);
    expect(changes).toEqual([
      { field: 'name', before: 'Algebra I', after: 'Algebra II' },
      { field: 'descriptionHeading', after: 'Algebra II' },
    ]);
    expect(patchOf(changes)).toEqual({ name: 'Algebra II', descriptionHeading: 'Algebra II' });
  });

  it('plans an update before the member changes of a course found by alias, and counts it', () => {
    const desired = desiredOf([{ ...course('a', ['t@x.edu'], ['s1@x.edu']), fields: { name: 'New title', section: 'C-a', room: 'Room 9' } }]);
    const found = { ...observedCourse('a', ['t@x.edu'], []), fields: { name: 'Old title', section: 'C-a', room: 'Room 1', description: 'teacher text' } };
    const plan = planRosterActions(desired, observedOf([found]), KEEP);
    expect(plan.actions).toEqual([
      { kind: 'update-course', classId: 'a', alias: 'd:a', courseId: 'c-a', changes: [
        { field: 'name', before: 'Old title', after: 'New title' }, { field: 'room', before: 'Room 1', after: 'Room 9' },
      ] },
      { kind: 'add-student', classId: 'a', alias: 'd:a', courseId: 'c-a', email: 's1@x.edu' },
    ]);
    expect(plan.counts['update-course']).toBe(1);
    expect(plan.unchanged).toBe(0);
  });

  it('plans no update when the fields match, nor on archived courses', () => {
    const same = planRosterActions(desiredOf([course('a', ['t@x.edu'], [])]), observedOf([observedCourse('a', ['t@x.edu'], [])]), KEEP);
    expect(same.actions).toEqual([]);
    expect(same.unchanged).toBe(1);
    const archived = { ...observedCourse('a', ['t@x.edu'], [], 'ARCHIVED'), fields: { name: 'Other' } };
    expect(planRosterActions(desiredOf([course('a', ['t@x.edu'], [])]), observedOf([archived]), KEEP).actions).toEqual([]);
  });
});

describe('teacher email + title fallback (pure)', () => {
  it('syncs the members of a fallback match, leaves its fields alone, and reports the match', () => {
    const found = { ...observedCourse('a', ['t@x.edu'], []), matchedBy: 'teacher-email-title' as const, fields: { name: 'class A', room: 'Lab' } };
    const plan = planRosterActions(desiredOf([course('a', ['t@x.edu'], ['s1@x.edu'])]), observedOf([found]), KEEP);
    expect(plan.actions).toEqual([{ kind: 'add-student', classId: 'a', alias: 'd:a', courseId: 'c-a', email: 's1@x.edu' }]);
    expect(plan.byFallback).toBe(1);
    expect(plan.issues).toEqual([{ kind: 'course-by-fallback', classId: 'a', detail: 'matched "class A" (course c-a) by teacher email and title; it has no alias d:a' }]);
  });

  it('neither creates nor changes a class the fallback found ambiguous', () => {
    const observed = { ...observedOf([]), ambiguous: new Map([['a', 'teacher t@x.edu has 2 active courses titled "Class a" (1, 2)']]) };
    const plan = planRosterActions(desiredOf([course('a', ['t@x.edu'], ['s1@x.edu'])]), observed, KEEP);
    expect(plan.actions).toEqual([]);
    expect(plan.issues).toEqual([{
      kind: 'fallback-ambiguous', classId: 'a', detail: 'teacher t@x.edu has 2 active courses titled "Class a" (1, 2); d:a is neither created nor changed',
    }]);
  });
});

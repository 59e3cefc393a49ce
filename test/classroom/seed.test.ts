import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/sandbox/data/generate.js';
import { rosterFromSisDataset, seedClassroomFromRoster } from '../../src/sandbox/classroom/index.js';
import { makeRoster } from './helpers.js';

describe('seedClassroomFromRoster', () => {
  it('is deterministic for a roster and seed, and differs with another seed', () => {
    const roster = makeRoster(6, 10);
    const a = JSON.stringify(seedClassroomFromRoster(roster, 42, { courseWorkPerCourse: 4 }));
    const b = JSON.stringify(seedClassroomFromRoster(roster, 42, { courseWorkPerCourse: 4 }));
    const c = JSON.stringify(seedClassroomFromRoster(roster, 43, { courseWorkPerCourse: 4 }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('makes one course per class with alias prefix + sourcedId, members by email, submissions per student', () => {
    const data = seedClassroomFromRoster(makeRoster(3, 4), 1, { courseWorkPerCourse: 5, aliasPrefix: 'd:sis-', draftEvery: 0 });
    expect(data.courses).toHaveLength(3);
    expect(data.aliases.map((a) => a.alias)).toEqual(['d:sis-class-1', 'd:sis-class-2', 'd:sis-class-3']);
    expect(data.courseWork).toHaveLength(15);
    expect(data.submissions).toHaveLength(3 * 5 * 4);
    const emails = new Map(data.users.map((u) => [u.id, u.email]));
    expect(emails.get(data.courses[0]!.ownerId)).toBe('teacher1@district.example.edu');
  });

  it('can leave some courseWork without a category', () => {
    const data = seedClassroomFromRoster(makeRoster(1), 1, { courseWorkPerCourse: 6, uncategorizedEvery: 3 });
    expect(data.courseWork.filter((w) => w.state === 'PUBLISHED' && w.gradeCategory === undefined)).toHaveLength(2);
  });
});

describe('rosterFromSisDataset', () => {
  it('carries the SIS classes, emails, categories and grading periods over', () => {
    const dataset = generateDataset({ seed: 1, domain: 'sandbox.example.edu', schoolYear: 2026, schools: 1, classes: 4, students: 40 });
    const roster = rosterFromSisDataset(dataset);
    expect(roster.classes).toHaveLength(4);
    const first = roster.classes[0]!;
    const klass = dataset.classes[0]!;
    expect(first.sourcedId).toBe(klass.sourcedId);
    const primary = dataset.enrollments.find((e) => e.classId === klass.sourcedId && e.role === 'teacher' && e.primary)!;
    expect(first.teacherEmails[0]).toBe(dataset.users.find((u) => u.sourcedId === primary.userId)!.email);
    expect(first.studentEmails.length).toBe(dataset.enrollments.filter((e) => e.classId === klass.sourcedId && e.role === 'student').length);
    expect(first.categories).toEqual([{ title: 'Assignments', weight: 40 }, { title: 'Tests', weight: 40 }, { title: 'Homework', weight: 20 }]);
    expect(first.gradingPeriods.length).toBeGreaterThan(0);

    const data = seedClassroomFromRoster(roster, 1);
    expect(data.aliases.map((a) => a.alias)).toEqual(dataset.classes.map((k) => `d:${k.sourcedId}`));
    const sisEmails = new Set(dataset.users.map((u) => u.email));
    expect(data.users.every((u) => sisEmails.has(u.email))).toBe(true);
    const student = data.users.find((u) => u.email === first.studentEmails[0]);
    const sisStudent = dataset.users.find((u) => u.email === first.studentEmails[0]);
    expect(student?.familyName).toBe(sisStudent?.familyName);
  });
});

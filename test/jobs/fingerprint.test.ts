import { describe, expect, it } from 'vitest';
import type { Course } from '../../src/classroom/types.js';
import type { ClassReads, ContextSettings } from '../../src/jobs/export/class-reads.js';
import { desiredItems } from '../../src/jobs/export/desired.js';
import { classFingerprint } from '../../src/jobs/export/fingerprint.js';
import { contentHash } from '../../src/jobs/export/hash.js';
import type { ClassContext } from '../../src/jobs/export/mapping.js';
import { digest } from '../../src/util/canonical.js';
import type { OneRosterClass, User } from '../../src/oneroster/types.js';

const settings: ContextSettings = { namespace: '6f1c8f3e-6a4b-5d1e-9b7a-2c3d4e5f6a7b', version: '1.2', defaultCategory: 'Assignments', includeDraftGrades: false };
const sisClass = { sourcedId: 'c1', status: 'active', title: 'Biology', course: { sourcedId: 'k1', type: 'course' }, school: { sourcedId: 's1', type: 'org' }, terms: [] } as unknown as OneRosterClass;
const course: Course = { id: '100', name: 'Biology' };

function reads(): ClassReads {
  return {
    classroomStudents: new Map([['u1', 'ada@x.edu'], ['u2', 'bo@x.edu']]),
    work: [{ courseId: '100', id: 'w1', title: 'Lab 1', maxPoints: 10 }],
    submissions: [
      { id: 's1', courseWorkId: 'w1', userId: 'u1', assignedGrade: 9, draftGrade: 9, updateTime: '2026-09-02T10:00:00Z' },
      { id: 's2', courseWorkId: 'w1', userId: 'u2', draftGrade: 7, updateTime: '2026-09-02T10:00:00Z' },
    ],
    categories: [{ sourcedId: 'cat1', status: 'active', title: 'Assignments' }] as ClassReads['categories'],
    sisStudents: [{ sourcedId: 'st1', email: 'ada@x.edu' }, { sourcedId: 'st2', email: 'bo@x.edu' }] as User[],
    gradingPeriods: [],
  };
}

const base = classFingerprint(settings, sisClass, course, reads());
const withChange = (change: (r: ClassReads) => void, options: ContextSettings = settings) => {
  const changed = reads();
  change(changed);
  return classFingerprint(options, sisClass, course, changed);
};

describe('class fingerprints', () => {
  it('is stable for the same reads', () => {
    expect(classFingerprint(settings, sisClass, course, reads())).toBe(base);
  });

  it('ignores what the mapping ignores: drafts when only assigned grades go out, ungraded submissions', () => {
    expect(withChange((r) => (r.submissions[1]!.draftGrade = 3))).toBe(base);
    expect(withChange((r) => (r.submissions[1]!.updateTime = '2026-09-03T10:00:00Z'))).toBe(base);
    expect(withChange((r) => (r.submissions[0]!.draftGrade = 4))).toBe(base);
  });

  it('changes with anything the mapping of a graded submission reads', () => {
    const changes: Array<(r: ClassReads) => void> = [
      (r) => (r.submissions[0]!.assignedGrade = 8),
      (r) => (r.submissions[1]!.assignedGrade = 7),
      (r) => (r.submissions[0]!.late = true),
      (r) => (r.submissions[0]!.updateTime = '2026-09-03T10:00:00Z'),
      (r) => (r.submissions[0]!.userId = 'u2'),
      (r) => r.submissions.shift(),
      (r) => r.classroomStudents.set('u1', 'ada2@x.edu'),
      (r) => (r.sisStudents[0]!.email = 'ada2@x.edu'),
      (r) => (r.sisStudents[1]!.sourcedId = 'st9'),
      (r) => (r.work[0]!.title = 'Lab 1b'),
      (r) => (r.categories[0]!.title = 'Labs'),
    ];
    const prints = changes.map((change) => withChange(change));
    for (const print of prints) expect(print).not.toBe(base);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('takes drafts into account when the job exports them', () => {
    const drafts = { ...settings, includeDraftGrades: true };
    expect(withChange(() => undefined, drafts)).not.toBe(base);
    expect(withChange((r) => (r.submissions[1]!.draftGrade = 3), drafts)).not.toBe(withChange(() => undefined, drafts));
  });
});

describe('content hashes', () => {
  it('hash the JSON text the export sends, equal to the canonical digest of the mapped body', () => {
    const context = {
      namespace: settings.namespace, version: '1.2' as const, classId: 'c1', schoolId: 's1', courseId: '100',
      categories: new Map([['assignments', { sourcedId: 'cat1', status: 'active', title: 'Assignments' }]]) as ClassContext['categories'],
      classroomCategories: new Map<string, string>(), defaultCategory: 'Assignments', gradingPeriods: [],
      students: new Map([['u1', 'st1']]), includeDraftGrades: false,
    };
    const desired = desiredItems(context, reads(), () => undefined);
    const items = [...desired.lineItems.values(), ...desired.results.values()];
    expect(items.length).toBe(2);
    for (const item of items) {
      expect(item.json.text).toBe(JSON.stringify(item.body));
      expect(item.hash).toBe(contentHash(item.json.text));
      expect(item.hash).toBe(digest(item.body));
    }
  });
});

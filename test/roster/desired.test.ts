import { describe, expect, it } from 'vitest';
import { buildDesired, classTermStatus, localDay } from '../../src/jobs/roster/index.js';
import type { AcademicSession, Enrollment, OneRosterClass, User } from '../../src/oneroster/types.js';

const session = (sourcedId: string, title: string, startDate: string, endDate: string): AcademicSession =>
  ({ sourcedId, title, startDate, endDate, type: 'term', schoolYear: '2027', status: 'active' });

const SESSIONS = [session('fall', 'Fall 2026', '2026-08-15', '2026-12-19'), session('spring', 'Spring 2027', '2027-01-05', '2027-06-12'), session('old', 'Spring 2026', '2026-01-05', '2026-06-12')];

const klass = (sourcedId: string, terms: string[], extra: Partial<OneRosterClass> = {}): OneRosterClass => ({
  sourcedId, title: `Algebra ${sourcedId}`, classCode: `ALG-${sourcedId}`, location: 'Room 101', periods: ['3'], status: 'active',
  course: { sourcedId: 'course' }, school: { sourcedId: 'school-1' }, terms: terms.map((t) => ({ sourcedId: t })), ...extra,
});

let n = 0;
const enrol = (user: string, classId: string, role: string, extra: Partial<Enrollment> = {}): Enrollment =>
  ({ sourcedId: `e${n++}`, user: { sourcedId: user }, class: { sourcedId: classId }, school: { sourcedId: 'school-1' }, role, status: 'active', ...extra });

const user = (sourcedId: string, email?: string, status: User['status'] = 'active') => ({ sourcedId, email, status });

function build(classes: OneRosterClass[], enrollments: Enrollment[], selector?: Parameters<typeof buildDesired>[1]['selector']) {
  const users = new Map([
    user('t1', 'T1@Maple.edu'), user('t2', 't2@maple.edu'), user('s1', 's1@maple.edu'), user('s2', 's2@maple.edu'),
    user('noemail'), user('gone', 'gone@maple.edu', 'tobedeleted'),
  ].map((u) => [u.sourcedId, u]));
  return buildDesired({ sessions: SESSIONS, classes, enrollments, users }, { aliasPrefix: 'd:', today: '2026-09-01', selector });
}

describe('buildDesired', () => {
  it('keeps active classes of the current term and lists ended ones for archiving', () => {
    const desired = build([klass('a', ['fall', 'spring']), klass('b', ['spring']), klass('c', ['old']), klass('d', ['fall'], { status: 'tobedeleted' }), klass('e', ['nope'])], []);
    expect(desired.courses.map((c) => c.classId)).toEqual(['a']);
    expect(desired.ended).toEqual([{ classId: 'c', alias: 'd:c' }]);
    expect(desired.terms).toEqual([{ sourcedId: 'fall', title: 'Fall 2026' }]);
    expect(desired.issues.map((i) => i.kind)).toEqual(['unknown-term']);
  });

  it('puts the primary teacher first, lower-cases emails, and maps SIS fields onto the course', () => {
    const desired = build([klass('a', ['fall'])], [
      enrol('t2', 'a', 'teacher', { primary: false }), enrol('t1', 'a', 'teacher', { primary: 'true' }), enrol('s1', 'a', 'student'), enrol('s2', 'a', 'student'),
    ]);
    expect(desired.courses[0]).toEqual({
      classId: 'a', alias: 'd:a', teachers: ['t1@maple.edu', 't2@maple.edu'], students: ['s1@maple.edu', 's2@maple.edu'],
      fields: { name: 'Algebra a', section: 'ALG-a', room: 'Room 101', descriptionHeading: 'Algebra a', description: 'Fall 2026 · Period 3 · SIS class ALG-a' },
    });
  });

  it('drops ended, deleted and email-less enrollments, reporting the users it cannot place', () => {
    const desired = build([klass('a', ['fall'])], [
      enrol('t1', 'a', 'teacher'), enrol('s1', 'a', 'student', { endDate: '2026-08-30' }), enrol('s2', 'a', 'student', { status: 'tobedeleted' }),
      enrol('noemail', 'a', 'student'), enrol('gone', 'a', 'student'), enrol('ghost', 'a', 'student'), enrol('s2', 'a', 'aide'),
    ]);
    expect(desired.courses[0]!.students).toEqual([]);
    expect(desired.issues.map((i) => i.kind).sort()).toEqual(['unknown-user', 'user-without-email']);
  });

  it('scopes by the selector: schools, terms and class codes', () => {
    const classes = [klass('a', ['fall']), klass('b', ['fall'], { school: { sourcedId: 'school-2' } }), klass('c', ['fall', 'spring'])];
    expect(build(classes, [], { schools: ['school-2'] }).courses.map((c) => c.classId)).toEqual(['b']);
    expect(build(classes, [], { terms: ['spring'] }).courses.map((c) => c.classId)).toEqual(['c']);
    expect(build(classes, [], { classCodes: ['ALG-a', 'ALG-c'] }).courses.map((c) => c.classId)).toEqual(['a', 'c']);
  });
});

describe('term helpers', () => {
  it('judges a class by any current term, and by the district time zone', () => {
    const sessions = new Map(SESSIONS.map((s) => [s.sourcedId, s]));
    expect(classTermStatus([{ sourcedId: 'old' }, { sourcedId: 'fall' }], sessions, '2026-12-19')).toBe('current');
    expect(classTermStatus([{ sourcedId: 'fall' }], sessions, '2026-12-20')).toBe('ended');
    expect(classTermStatus([{ sourcedId: 'spring' }], sessions, '2026-12-20')).toBe('future');
    expect(localDay(new Date('2026-12-20T03:00:00Z'), 'America/Chicago')).toBe('2026-12-19');
  });
});

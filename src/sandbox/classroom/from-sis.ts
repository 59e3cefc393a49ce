/**
 * The bridge from the SIS sandbox's dataset to the Classroom seed input: active classes with their
 * active teachers (primary first) and students by email, category titles and weights, and the
 * grading periods under the class's terms.
 */
import type { SandboxDataset, SessionRecord, UserRecord } from '../data/types.js';
import type { ClassroomRosterInput, RosterClassInput } from './roster-input.js';

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list === undefined) map.set(k, [item]);
    else list.push(item);
  }
  return map;
}

export function rosterFromSisDataset(dataset: SandboxDataset): ClassroomRosterInput {
  const users = new Map<string, UserRecord>(dataset.users.map((u) => [u.sourcedId, u]));
  const active = <T extends { status: string }>(items: readonly T[]) => items.filter((item) => item.status === 'active');
  const enrollments = groupBy(active(dataset.enrollments), (e) => e.classId);
  const categories = groupBy(active(dataset.categories), (c) => c.classId);
  const periodsByTerm = groupBy(
    active(dataset.sessions).filter((s): s is SessionRecord & { parentId: string } => s.type === 'gradingPeriod' && s.parentId !== undefined),
    (s) => s.parentId,
  );

  const classes: RosterClassInput[] = active(dataset.classes).map((klass) => {
    const members = enrollments.get(klass.sourcedId) ?? [];
    const emailOf = (userId: string) => users.get(userId)?.email;
    const teachers = members.filter((e) => e.role === 'teacher').sort((a, b) => Number(b.primary) - Number(a.primary));
    return {
      sourcedId: klass.sourcedId,
      title: klass.title,
      classCode: klass.classCode,
      location: klass.location,
      teacherEmails: teachers.map((e) => emailOf(e.userId)).filter((e): e is string => e !== undefined && e !== ''),
      studentEmails: members.filter((e) => e.role === 'student').map((e) => emailOf(e.userId)).filter((e): e is string => e !== undefined && e !== ''),
      categories: (categories.get(klass.sourcedId) ?? []).map((c) => ({ title: c.title, weight: c.weight })),
      gradingPeriods: klass.termIds.flatMap((term) => periodsByTerm.get(term) ?? [])
        .map((p) => ({ sourcedId: p.sourcedId, title: p.title, startDate: p.startDate, endDate: p.endDate })),
    };
  });
  const named = active(dataset.users).filter((u) => u.email !== '' && u.role !== 'administrator')
    .map((u) => ({ email: u.email, givenName: u.givenName, familyName: u.familyName }));
  return { classes, users: named };
}

/**
 * Reads the SIS side of the roster with bulk, paged listings: sessions, classes (per selected
 * school when the selector names schools), enrollments and users. Only the users that current
 * enrollments name are kept, so memory follows the roster, not the district's user table.
 */
import type { OneRosterClient } from '../../oneroster/index.js';
import type { AcademicSession, Enrollment, OneRosterClass, User } from '../../oneroster/types.js';
import { buildDesired, type DesiredOptions } from './desired.js';
import type { RosterDesired } from './types.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function readClasses(oneRoster: OneRosterClient, schools: string[] | undefined): Promise<OneRosterClass[]> {
  if (schools === undefined) return collect(oneRoster.classes());
  const classes: OneRosterClass[] = [];
  for (const school of schools) classes.push(...(await collect(oneRoster.classesForSchool(school))));
  return classes;
}

export interface SisRosterCounts {
  sessions: number;
  classes: number;
  enrollments: number;
  users: number;
}

export async function readDesired(oneRoster: OneRosterClient, options: DesiredOptions): Promise<{ desired: RosterDesired; read: SisRosterCounts }> {
  const sessions: AcademicSession[] = await collect(oneRoster.academicSessions());
  const classes = await readClasses(oneRoster, options.selector?.schools);
  const classIds = new Set(classes.map((sisClass) => sisClass.sourcedId));
  const enrollments: Enrollment[] = [];
  let enrollmentsRead = 0;
  for await (const enrollment of oneRoster.enrollments()) {
    enrollmentsRead += 1;
    if (classIds.has(enrollment.class.sourcedId)) enrollments.push(enrollment);
  }
  const wanted = new Set(enrollments.map((enrollment) => enrollment.user.sourcedId));
  const users = new Map<string, Pick<User, 'sourcedId' | 'email' | 'status'>>();
  let usersRead = 0;
  for await (const user of oneRoster.users()) {
    usersRead += 1;
    if (wanted.has(user.sourcedId)) users.set(user.sourcedId, { sourcedId: user.sourcedId, email: user.email, status: user.status });
  }
  const desired = buildDesired({ sessions, classes, enrollments, users }, options);
  return { desired, read: { sessions: sessions.length, classes: classes.length, enrollments: enrollmentsRead, users: usersRead } };
}

/** Term arithmetic on SIS dates (`YYYY-MM-DD`, sometimes date-times): current, ended, unknown. */
import type { AcademicSession, GuidRef } from '../../oneroster/types.js';

export type TermStatus = 'current' | 'ended' | 'future' | 'unknown';

function day(value: string): string {
  return value.slice(0, 10);
}

/** The calendar day of `now` in the district's time zone, as `YYYY-MM-DD`. */
export function localDay(now: Date, timeZone?: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

export function sessionStatus(session: AcademicSession | undefined, today: string): TermStatus {
  if (session === undefined) return 'unknown';
  if (day(session.endDate) < today) return 'ended';
  if (day(session.startDate) > today) return 'future';
  return 'current';
}

/**
 * A class is current when any of its terms contains today, ended when every term has ended, and
 * unknown when none of its terms is known to the SIS listing.
 */
export function classTermStatus(terms: readonly GuidRef[], sessions: ReadonlyMap<string, AcademicSession>, today: string): TermStatus {
  const statuses = terms.map((ref) => sessionStatus(sessions.get(ref.sourcedId), today));
  if (statuses.includes('current')) return 'current';
  const known = statuses.filter((status) => status !== 'unknown');
  if (known.length === 0) return 'unknown';
  return known.every((status) => status === 'ended') ? 'ended' : 'future';
}

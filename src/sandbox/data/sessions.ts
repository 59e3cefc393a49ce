/** The school year's calendar: a schoolYear session, two terms, and two grading periods per term. */
import { seededUuid, type Random } from '../prng.js';
import type { SessionRecord, SessionType } from './types.js';

export interface Calendar {
  schoolYear: SessionRecord;
  terms: SessionRecord[];
  gradingPeriods: SessionRecord[];
  all: SessionRecord[];
}

export function generateSessions(random: Random, year: number, stamp: string): Calendar {
  const start = year - 1;
  const make = (title: string, type: SessionType, startDate: string, endDate: string, parent?: SessionRecord): SessionRecord => {
    const session: SessionRecord = {
      sourcedId: seededUuid(random), status: 'active', dateLastModified: stamp, title, type, startDate, endDate,
      childIds: [], schoolYear: String(year),
    };
    if (parent) {
      session.parentId = parent.sourcedId;
      parent.childIds.push(session.sourcedId);
    }
    return session;
  };
  const schoolYear = make(`${start}-${year} School Year`, 'schoolYear', `${start}-08-15`, `${year}-06-12`);
  const fall = make(`Fall ${start}`, 'term', `${start}-08-15`, `${start}-12-19`, schoolYear);
  const spring = make(`Spring ${year}`, 'term', `${year}-01-05`, `${year}-06-12`, schoolYear);
  const gradingPeriods = [
    make(`Quarter 1 ${start}-${year}`, 'gradingPeriod', `${start}-08-15`, `${start}-10-17`, fall),
    make(`Quarter 2 ${start}-${year}`, 'gradingPeriod', `${start}-10-20`, `${start}-12-19`, fall),
    make(`Quarter 3 ${start}-${year}`, 'gradingPeriod', `${year}-01-05`, `${year}-03-13`, spring),
    make(`Quarter 4 ${start}-${year}`, 'gradingPeriod', `${year}-03-16`, `${year}-06-12`, spring),
  ];
  return { schoolYear, terms: [fall, spring], gradingPeriods, all: [schoolYear, fall, spring, ...gradingPeriods] };
}

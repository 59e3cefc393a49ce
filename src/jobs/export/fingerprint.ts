/**
 * Class fingerprints: one digest of everything the mapping of a class reads (both sides' data and
 * the job settings). After a clean run the class's fingerprint is recorded with what the mapping
 * produced (item count, unmapped findings). When a later run reads the same fingerprint, the
 * mapping would produce the same items with the same hashes, so ids, hashes and checkpoint reads
 * are skipped for that class; a no-op re-export then costs little more than its reads.
 *
 * Safety: the mark is removed before the first write of a class whose content changed, and only
 * written back after the class completed without a failure, so a killed or failed run never leaves
 * a mark that describes SIS content it did not finish writing.
 */
import { createHash } from 'node:crypto';
import type { Course } from '../../classroom/types.js';
import type { OneRosterClass } from '../../oneroster/types.js';
import type { StateStore } from '../../state/types.js';
import type { ClassReads, ContextSettings } from './class-reads.js';
import { gradeOf, type Unmapped } from './mapping.js';

/** Bump whenever mapping.ts maps the same input differently: every class then takes the full path. */
const MAPPING_VERSION = 1;
/** Classes with more unmapped findings than this are not marked (their findings are not replayed). */
export const MAX_REPLAYED_UNMAPPED = 200;

export interface ClassMark {
  fingerprint: string;
  /** lineItems + results the mapping produced (reported as unchanged when skipped). */
  items: number;
  /** Findings of the mapping, reported again when the class is skipped. */
  unmapped: Unmapped[];
}

export function classMarkKey(job: string, classId: string): string {
  return `export:${job}:class:${classId}`;
}

export function classFingerprint(settings: ContextSettings, sisClass: OneRosterClass, course: Course, reads: ClassReads): string {
  // One string, one digest update: a crypto call per line costs more than the line.
  const parts: string[] = [];
  const line = (value: unknown) => parts.push(`${JSON.stringify(value)}\n`);
  line([MAPPING_VERSION, settings.namespace, settings.version, settings.defaultCategory, settings.includeDraftGrades]);
  line([sisClass.sourcedId, sisClass.school.sourcedId, course.id, course.gradebookSettings?.gradeCategories ?? []]);
  for (const category of reads.categories) line([category.sourcedId, category.title]);
  for (const period of reads.gradingPeriods) line([period.sourcedId, period.startDate, period.endDate]);
  for (const work of reads.work) line(work);
  // Rosters, one tab-separated line per person (Classroom ids are numeric; emails and SIS
  // sourcedIds carry no tabs or newlines): a JSON line each would cost more than the class's hash.
  parts.push('classroom students\n');
  for (const [userId, email] of reads.classroomStudents) parts.push(`${userId}\t${email}\n`);
  parts.push('sis students\n');
  for (const user of reads.sisStudents) parts.push(`${user.sourcedId}\t${user.email ?? ''}\n`);
  parts.push('submissions\n');
  // The bulk of the input: only what the mapping of a graded submission uses, tab-separated
  // (Classroom ids are numeric strings; grades numbers; times ISO strings). Ungraded submissions
  // map to nothing, so they have no line: one that gets a grade adds its line.
  for (const s of reads.submissions) {
    const grade = gradeOf(s, settings.includeDraftGrades);
    if (grade === undefined) continue;
    parts.push(`${s.id}\t${s.courseWorkId}\t${s.userId}\t${grade}\t${s.late ? 'late' : ''}\t${s.updateTime ?? s.creationTime}\n`);
  }
  return createHash('sha256').update(parts.join('')).digest('hex');
}

/** The marks of the classes that have one, by class id: one store read per few hundred classes. */
export async function loadClassMarks(store: StateStore, district: string, job: string, classIds: string[]): Promise<Map<string, ClassMark>> {
  const stored = await store.getValues<ClassMark>(district, classIds.map((classId) => classMarkKey(job, classId)));
  const marks = new Map<string, ClassMark>();
  for (const classId of classIds) {
    const mark = stored.get(classMarkKey(job, classId));
    if (mark !== undefined && typeof mark.fingerprint === 'string' && Array.isArray(mark.unmapped)) marks.set(classId, mark);
  }
  return marks;
}

export async function saveClassMark(store: StateStore, district: string, job: string, classId: string, mark: ClassMark): Promise<void> {
  if (mark.unmapped.length > MAX_REPLAYED_UNMAPPED) {
    await clearClassMark(store, district, job, classId);
    return;
  }
  await store.setValue(district, classMarkKey(job, classId), mark);
}

export async function clearClassMark(store: StateStore, district: string, job: string, classId: string): Promise<void> {
  await store.deleteValue(district, classMarkKey(job, classId));
}

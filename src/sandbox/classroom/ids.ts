/**
 * Classroom-shaped identifiers from one counter: numeric course and courseWork ids, 21-digit user
 * ids, opaque submission ids. Seeding and the live store share the scheme, so ids never collide.
 */
export type IdKind = 'user' | 'course' | 'courseWork' | 'submission' | 'category' | 'gradingPeriod';

export function formatId(kind: IdKind, n: number): string {
  switch (kind) {
    case 'user': return `1${String(n).padStart(20, '0')}`;
    case 'course': return `5${String(n).padStart(11, '0')}`;
    case 'courseWork': return `6${String(n).padStart(11, '0')}`;
    case 'submission': return `Cg4I${n.toString(36)}`;
    case 'category': return `7${String(n).padStart(8, '0')}`;
    case 'gradingPeriod': return `8${String(n).padStart(8, '0')}`;
  }
}

export interface IdSource {
  next(kind: IdKind): string;
  /** The last number handed out. */
  last(): number;
}

export function createIdSource(start = 0): IdSource {
  let n = start;
  return {
    next: (kind) => formatId(kind, ++n),
    last: () => n,
  };
}

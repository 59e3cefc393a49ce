/** What one class should look like in the SIS: its mapped lineItems and results with content hashes. */
import type { LineItemInput, ResultInput } from '../../oneroster/types.js';
import type { ClassReads } from './class-reads.js';
import { JsonBody } from '../../oneroster/index.js';
import { contentHash } from './hash.js';
import { mapCourseWork, mapSubmission, type ClassContext, type Unmapped } from './mapping.js';

export interface Desired<T> {
  id: string;
  body: T;
  /** The body as sent: its JSON text, which is also what `hash` digests. */
  json: JsonBody<T>;
  hash: string;
  parentId: string;
}

function desired<T>(id: string, body: T, parentId: string): Desired<T> {
  const json = JSON.stringify(body);
  return { id, body, json: new JsonBody<T>(json), hash: contentHash(json), parentId };
}

export interface DesiredClass {
  lineItems: Map<string, Desired<LineItemInput>>;
  results: Map<string, Desired<ResultInput>>;
}

export function desiredItems(context: ClassContext, reads: ClassReads, unmapped: (entry: Unmapped) => void): DesiredClass {
  const lineItems = new Map<string, Desired<LineItemInput>>();
  const lineItemOfWork = new Map<string, string>();
  for (const entry of reads.work) {
    const mapped = mapCourseWork(context, entry);
    if (!mapped.ok) {
      unmapped(mapped.unmapped);
      continue;
    }
    lineItems.set(mapped.id, desired(mapped.id, mapped.body, context.classId));
    lineItemOfWork.set(entry.id, mapped.id);
  }
  const results = new Map<string, Desired<ResultInput>>();
  for (const submission of reads.submissions) {
    const lineItem = lineItemOfWork.get(submission.courseWorkId);
    if (lineItem === undefined) continue;
    const mapped = mapSubmission(context, lineItem, submission);
    if (mapped.ok === 'ungraded') continue;
    if (mapped.ok === false) {
      unmapped(mapped.unmapped);
      continue;
    }
    results.set(mapped.id, desired(mapped.id, mapped.body, lineItem));
  }
  return { lineItems, results };
}

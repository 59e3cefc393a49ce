/** Counts and samples of one export run, reported as the job's JSON summary. */
import type { PutOutcome } from '../../oneroster/types.js';
import type { Unmapped, UnmappedReason } from './mapping.js';

const SAMPLE = 20;

export interface ItemFailure {
  kind: 'lineItem' | 'result' | 'class';
  id: string;
  classId: string;
  error: string;
}

/** What one class would write: new and changed items by kind, and deletions. */
export interface ClassPlan {
  lineItemsNew: number;
  lineItemsChanged: number;
  resultsNew: number;
  resultsChanged: number;
  deletes: number;
}

export interface ExportSummary {
  district: string;
  job: string;
  mode: 'plan' | 'run';
  classes: { total: number; mapped: number; byFallback: number; withoutCourse: number };
  read: { courseWork: number; submissions: number };
  written: { lineItemsCreated: number; lineItemsUpdated: number; resultsCreated: number; resultsUpdated: number };
  planned: { lineItemsNew: number; lineItemsChanged: number; resultsNew: number; resultsChanged: number; deletes: number };
  unchanged: number;
  deleted: number;
  failed: number;
  unmapped: Partial<Record<UnmappedReason, number>>;
  unmappedSample: Unmapped[];
  failures: ItemFailure[];
  perClass: { classId: string; creates: number; updates: number; deletes: number }[];
  requests: { oneRoster: Record<string, number>; classroom: Record<string, number> };
  durationMs: number;
}

export interface ExportTally {
  read(courseWork: number, submissions: number): void;
  unmapped(entry: Unmapped): void;
  unchanged(count: number): void;
  planned(classId: string, plan: ClassPlan): void;
  wrote(kind: 'lineItem' | 'result', outcome: PutOutcome): void;
  deleted(count: number): void;
  failed(failure: ItemFailure): void;
  classSeen(by: 'alias' | 'teacher-email-title' | 'none'): void;
  itemsDone(): number;
  summary(): ExportSummary;
}

export function createTally(district: string, job: string, mode: 'plan' | 'run'): ExportTally {
  const summary: ExportSummary = {
    district, job, mode,
    classes: { total: 0, mapped: 0, byFallback: 0, withoutCourse: 0 },
    read: { courseWork: 0, submissions: 0 },
    written: { lineItemsCreated: 0, lineItemsUpdated: 0, resultsCreated: 0, resultsUpdated: 0 },
    planned: { lineItemsNew: 0, lineItemsChanged: 0, resultsNew: 0, resultsChanged: 0, deletes: 0 },
    unchanged: 0, deleted: 0, failed: 0,
    unmapped: {}, unmappedSample: [], failures: [], perClass: [],
    requests: { oneRoster: {}, classroom: {} },
    durationMs: 0,
  };
  let items = 0;
  return {
    read(courseWork, submissions) {
      summary.read.courseWork += courseWork;
      summary.read.submissions += submissions;
    },
    unmapped(entry) {
      summary.unmapped[entry.reason] = (summary.unmapped[entry.reason] ?? 0) + 1;
      if (summary.unmappedSample.length < SAMPLE) summary.unmappedSample.push(entry);
    },
    unchanged(count) {
      summary.unchanged += count;
      items += count;
    },
    planned(classId, plan) {
      const planned = summary.planned;
      planned.lineItemsNew += plan.lineItemsNew;
      planned.lineItemsChanged += plan.lineItemsChanged;
      planned.resultsNew += plan.resultsNew;
      planned.resultsChanged += plan.resultsChanged;
      planned.deletes += plan.deletes;
      const creates = plan.lineItemsNew + plan.resultsNew;
      const updates = plan.lineItemsChanged + plan.resultsChanged;
      if (creates + updates + plan.deletes > 0) summary.perClass.push({ classId, creates, updates, deletes: plan.deletes });
    },
    wrote(kind, outcome) {
      items += 1;
      const written = summary.written;
      if (kind === 'result') {
        if (outcome === 'created') written.resultsCreated += 1;
        else written.resultsUpdated += 1;
      } else if (outcome === 'created') written.lineItemsCreated += 1;
      else written.lineItemsUpdated += 1;
    },
    deleted(count) {
      summary.deleted += count;
      items += count;
    },
    failed(failure) {
      summary.failed += 1;
      items += 1;
      if (summary.failures.length < SAMPLE * 5) summary.failures.push(failure);
    },
    classSeen(by) {
      summary.classes.total += 1;
      if (by === 'none') summary.classes.withoutCourse += 1;
      else summary.classes.mapped += 1;
      if (by === 'teacher-email-title') summary.classes.byFallback += 1;
    },
    itemsDone: () => items,
    summary: () => summary,
  };
}

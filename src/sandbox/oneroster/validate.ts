/**
 * Semantic checks of PUT bodies for lineItems and results. Anything wrong with the content (missing
 * required field, wrong type, reference to an unknown class, school, category, line item or student)
 * is a 422 invaliddata naming the field. Extra credit (score > resultValueMax) is allowed on purpose.
 */
import { invalidData } from '../http/respond.js';
import type { SandboxStore } from '../data/store.js';
import { SCORE_STATUSES, type LineItemRecord, type RecordStatus, type ResultRecord, type ScoreStatus } from '../data/types.js';
import type { OneRosterVersion } from './serialize.js';

type Json = Record<string, unknown>;

const LINE_ITEM_REQUIRED: Record<OneRosterVersion, string[]> = {
  '1.2': ['title', 'assignDate', 'dueDate', 'class', 'school', 'category'],
  '1.1': ['title', 'assignDate', 'dueDate', 'class', 'category', 'gradingPeriod', 'resultValueMin', 'resultValueMax'],
};
const RESULT_REQUIRED: Record<OneRosterVersion, string[]> = {
  '1.2': ['lineItem', 'student', 'scoreStatus', 'scoreDate'],
  '1.1': ['lineItem', 'student', 'scoreStatus', 'scoreDate', 'score'],
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Takes `{ lineItem: {...} }` (the REST binding's envelope) or the bare object. */
export function unwrap(body: Json, name: string): Json {
  if (!(name in body)) return body;
  const inner = body[name];
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) throw invalidData(`${name} must be an object`);
  return inner as Json;
}

function requireFields(object: Json, name: string, required: string[]): void {
  for (const field of required) {
    if (object[field] === undefined || object[field] === null) throw invalidData(`${name}.${field} is required`);
  }
}

function string(object: Json, name: string, field: string, required = false): string | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || (required && value.trim() === '')) throw invalidData(`${name}.${field} must be a non-empty string`);
  return value;
}

function dateOrDateTime(object: Json, name: string, field: string): string | undefined {
  const value = string(object, name, field);
  if (value === undefined) return undefined;
  if ((!DATE.test(value) && !DATE_TIME.test(value)) || Number.isNaN(Date.parse(value))) {
    throw invalidData(`${name}.${field} must be a date (YYYY-MM-DD) or an ISO 8601 date-time, got "${value}"`);
  }
  return value;
}

function number(object: Json, name: string, field: string): number | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidData(`${name}.${field} must be a number`);
  return value;
}

/** The sourcedId of a GUIDRef `{ sourcedId, href?, type? }`. */
function refId(object: Json, name: string, field: string): string | undefined {
  const value = object[field];
  if (value === undefined || value === null) return undefined;
  const id = typeof value === 'object' && !Array.isArray(value) ? (value as Json).sourcedId : undefined;
  if (typeof id !== 'string' || id === '') throw invalidData(`${name}.${field} must be a reference object with a sourcedId`);
  return id;
}

function common(object: Json, name: string, id: string): { status: RecordStatus; metadata?: Record<string, unknown> } {
  if (object.sourcedId !== undefined && object.sourcedId !== id) throw invalidData(`${name}.sourcedId "${String(object.sourcedId)}" does not match the sourcedId in the path`);
  const status = object.status ?? 'active';
  if (status !== 'active' && status !== 'tobedeleted') throw invalidData(`${name}.status must be active or tobedeleted`);
  const metadata = object.metadata;
  if (metadata !== undefined && (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))) throw invalidData(`${name}.metadata must be an object`);
  return metadata === undefined ? { status } : { status, metadata: metadata as Record<string, unknown> };
}

export function lineItemFromBody(version: OneRosterVersion, id: string, body: Json, store: SandboxStore, modified: string): LineItemRecord {
  const item = unwrap(body, 'lineItem');
  requireFields(item, 'lineItem', LINE_ITEM_REQUIRED[version]);
  const base = common(item, 'lineItem', id);
  const classId = refId(item, 'lineItem', 'class')!;
  const klass = store.classes.get(classId);
  if (!klass) throw invalidData(`lineItem.class references unknown class "${classId}"`);
  const schoolId = refId(item, 'lineItem', 'school') ?? klass.schoolId;
  if (!store.school(schoolId)) throw invalidData(`lineItem.school references unknown school "${schoolId}"`);
  const categoryId = refId(item, 'lineItem', 'category')!;
  if (!store.categories.has(categoryId)) throw invalidData(`lineItem.category references unknown category "${categoryId}"`);
  const gradingPeriodId = refId(item, 'lineItem', 'gradingPeriod');
  if (gradingPeriodId !== undefined && !store.sessions.has(gradingPeriodId)) throw invalidData(`lineItem.gradingPeriod references unknown academic session "${gradingPeriodId}"`);
  const academicSessionId = refId(item, 'lineItem', 'academicSession');
  if (academicSessionId !== undefined && !store.sessions.has(academicSessionId)) throw invalidData(`lineItem.academicSession references unknown academic session "${academicSessionId}"`);
  const resultValueMin = number(item, 'lineItem', 'resultValueMin');
  const resultValueMax = number(item, 'lineItem', 'resultValueMax');
  if (resultValueMin !== undefined && resultValueMax !== undefined && resultValueMin > resultValueMax) throw invalidData('lineItem.resultValueMin is greater than resultValueMax');
  const record: LineItemRecord = {
    sourcedId: id, ...base, dateLastModified: modified, title: string(item, 'lineItem', 'title', true)!,
    assignDate: dateOrDateTime(item, 'lineItem', 'assignDate')!, dueDate: dateOrDateTime(item, 'lineItem', 'dueDate')!,
    classId, schoolId, categoryId,
  };
  const description = string(item, 'lineItem', 'description');
  if (description !== undefined) record.description = description;
  if (gradingPeriodId !== undefined) record.gradingPeriodId = gradingPeriodId;
  if (academicSessionId !== undefined) record.academicSessionId = academicSessionId;
  if (resultValueMin !== undefined) record.resultValueMin = resultValueMin;
  if (resultValueMax !== undefined) record.resultValueMax = resultValueMax;
  return record;
}

export function resultFromBody(version: OneRosterVersion, id: string, body: Json, store: SandboxStore, modified: string): ResultRecord {
  const result = unwrap(body, 'result');
  requireFields(result, 'result', RESULT_REQUIRED[version]);
  const base = common(result, 'result', id);
  const lineItemId = refId(result, 'result', 'lineItem')!;
  const lineItem = store.lineItems.get(lineItemId);
  if (!lineItem) throw invalidData(`result.lineItem references unknown line item "${lineItemId}"`);
  const studentId = refId(result, 'result', 'student')!;
  if (!store.userWithRole(studentId, 'student')) throw invalidData(`result.student references unknown student "${studentId}"`);
  const classId = refId(result, 'result', 'class');
  if (classId !== undefined && classId !== lineItem.classId) throw invalidData(`result.class "${classId}" is not the class of its line item`);
  const scoreStatus = result.scoreStatus;
  if (typeof scoreStatus !== 'string' || !SCORE_STATUSES.includes(scoreStatus as ScoreStatus)) {
    throw invalidData(`result.scoreStatus must be one of: ${SCORE_STATUSES.join(', ')}`);
  }
  const record: ResultRecord = {
    sourcedId: id, ...base, dateLastModified: modified, lineItemId, studentId, classId: lineItem.classId,
    scoreStatus: scoreStatus as ScoreStatus, scoreDate: dateOrDateTime(result, 'result', 'scoreDate')!,
  };
  const score = number(result, 'result', 'score');
  if (score !== undefined) record.score = score;
  const comment = string(result, 'result', 'comment');
  if (comment !== undefined) record.comment = comment;
  const textScore = string(result, 'result', 'textScore');
  if (textScore !== undefined) record.textScore = textScore;
  for (const flag of ['inProgress', 'incomplete', 'late', 'missing'] as const) {
    const value = result[flag];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' && typeof value !== 'boolean') throw invalidData(`result.${flag} must be a boolean or a string`);
    record[flag] = value;
  }
  return record;
}

/** The fields a filter, sort or fields= selection may name, per record kind and OneRoster version. */
import type { OneRosterVersion } from './serialize.js';

export type Kind = 'org' | 'academicSession' | 'course' | 'class' | 'user' | 'enrollment' | 'category' | 'lineItem' | 'result' | 'resource';

const COMMON = ['sourcedId', 'status', 'dateLastModified', 'metadata'];

const SHARED: Record<Exclude<Kind, 'user' | 'lineItem' | 'result' | 'category'>, string[]> = {
  org: ['name', 'type', 'identifier', 'parent', 'children'],
  academicSession: ['title', 'type', 'startDate', 'endDate', 'parent', 'children', 'schoolYear'],
  course: ['title', 'schoolYear', 'courseCode', 'grades', 'subjects', 'org', 'subjectCodes'],
  class: ['title', 'classCode', 'classType', 'location', 'grades', 'subjects', 'course', 'school', 'terms', 'subjectCodes', 'periods'],
  enrollment: ['user', 'class', 'school', 'role', 'primary', 'beginDate', 'endDate'],
  resource: ['title', 'roles', 'importance', 'vendorResourceId', 'vendorId', 'applicationId'],
};

const USER_COMMON = ['username', 'userIds', 'enabledUser', 'givenName', 'familyName', 'middleName', 'identifier', 'email', 'sms', 'phone', 'agents', 'grades'];
const LINE_ITEM_COMMON = ['title', 'description', 'assignDate', 'dueDate', 'class', 'category', 'gradingPeriod', 'resultValueMin', 'resultValueMax'];
const RESULT_COMMON = ['lineItem', 'student', 'scoreStatus', 'score', 'scoreDate', 'comment'];

const BY_VERSION: Record<OneRosterVersion, Record<'user' | 'lineItem' | 'result' | 'category', string[]>> = {
  '1.1': {
    user: [...USER_COMMON, 'role', 'orgs'],
    lineItem: LINE_ITEM_COMMON,
    result: RESULT_COMMON,
    category: ['title'],
  },
  '1.2': {
    user: [...USER_COMMON, 'userMasterIdentifier', 'preferredFirstName', 'preferredMiddleName', 'preferredLastName', 'roles', 'primaryOrg', 'pronouns'],
    lineItem: [...LINE_ITEM_COMMON, 'school', 'academicSession', 'scoreScale', 'learningObjectiveSet'],
    result: [...RESULT_COMMON, 'class', 'scoreScale', 'textScore', 'learningObjectiveSet', 'inProgress', 'incomplete', 'late', 'missing'],
    category: ['title', 'weight'],
  },
};

const cache = new Map<string, Set<string>>();

export function fieldsOf(kind: Kind, version: OneRosterVersion): Set<string> {
  const key = `${version}:${kind}`;
  let set = cache.get(key);
  if (!set) {
    const specific = kind === 'user' || kind === 'lineItem' || kind === 'result' || kind === 'category' ? BY_VERSION[version][kind] : SHARED[kind];
    set = new Set([...COMMON, ...specific]);
    cache.set(key, set);
  }
  return set;
}

/** A dotted name such as `class.sourcedId` is known when its first segment is. */
export function isKnownField(kind: Kind, version: OneRosterVersion, name: string): boolean {
  const head = name.split('.', 1)[0] ?? name;
  return fieldsOf(kind, version).has(head);
}

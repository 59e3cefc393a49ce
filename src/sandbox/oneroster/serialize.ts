/**
 * Internal records -> OneRoster JSON. 1.1 and 1.2 share one store; the differences kept here are the
 * ones clients notice: user `role` + `orgs` (1.1) vs `roles` + `primaryOrg` (1.2), string flags in 1.1
 * ("true") vs booleans in 1.2, and 1.2-only fields (lineItem.school, result.class, category.weight).
 */
import type {
  BaseRecord, CategoryRecord, ClassRecord, CourseRecord, EnrollmentRecord, LineItemRecord, OrgRecord, ResourceRecord,
  ResultRecord, SessionRecord, UserRecord,
} from '../data/types.js';

export type OneRosterVersion = '1.1' | '1.2';

export interface Ref {
  href: string;
  sourcedId: string;
  type: string;
}

export interface SerializeContext {
  version: OneRosterVersion;
  /** Server origin, e.g. http://127.0.0.1:4000 */
  origin: string;
}

type Json = Record<string, unknown>;

const ROSTERING_12 = '/ims/oneroster/rostering/v1p2';
const GRADEBOOK_12 = '/ims/oneroster/gradebook/v1p2';
const RESOURCES_12 = '/ims/oneroster/resources/v1p2';
const ALL_11 = '/ims/oneroster/v1p1';

const GRADEBOOK_COLLECTIONS = new Set(['lineItems', 'results', 'categories']);

export function ref(ctx: SerializeContext, collection: string, type: string, sourcedId: string): Ref {
  let root = ALL_11;
  if (ctx.version === '1.2') root = GRADEBOOK_COLLECTIONS.has(collection) ? GRADEBOOK_12 : collection === 'resources' ? RESOURCES_12 : ROSTERING_12;
  return { href: `${ctx.origin}${root}/${collection}/${sourcedId}`, sourcedId, type };
}

function base(record: BaseRecord): Json {
  const out: Json = { sourcedId: record.sourcedId, status: record.status, dateLastModified: record.dateLastModified };
  if (record.metadata !== undefined) out.metadata = record.metadata;
  return out;
}

function flag(ctx: SerializeContext, value: boolean): boolean | string {
  return ctx.version === '1.1' ? String(value) : value;
}

export function serializeOrg(ctx: SerializeContext, org: OrgRecord): Json {
  const out = base(org);
  out.name = org.name;
  out.type = org.type;
  out.identifier = org.identifier;
  if (org.parentId) out.parent = ref(ctx, 'orgs', 'org', org.parentId);
  out.children = org.childIds.map((id) => ref(ctx, 'orgs', 'org', id));
  return out;
}

export function serializeSession(ctx: SerializeContext, session: SessionRecord): Json {
  const out = base(session);
  out.title = session.title;
  out.type = session.type;
  out.startDate = session.startDate;
  out.endDate = session.endDate;
  if (session.parentId) out.parent = ref(ctx, 'academicSessions', 'academicSession', session.parentId);
  out.children = session.childIds.map((id) => ref(ctx, 'academicSessions', 'academicSession', id));
  out.schoolYear = session.schoolYear;
  return out;
}

export function serializeCourse(ctx: SerializeContext, course: CourseRecord): Json {
  const out = base(course);
  out.title = course.title;
  out.schoolYear = ref(ctx, 'academicSessions', 'academicSession', course.schoolYearId);
  out.courseCode = course.courseCode;
  out.grades = course.grades;
  out.subjects = course.subjects;
  out.org = ref(ctx, 'orgs', 'org', course.orgId);
  return out;
}

export function serializeClass(ctx: SerializeContext, klass: ClassRecord): Json {
  const out = base(klass);
  out.title = klass.title;
  out.classCode = klass.classCode;
  out.classType = klass.classType;
  out.location = klass.location;
  out.grades = klass.grades;
  out.subjects = klass.subjects;
  out.course = ref(ctx, 'courses', 'course', klass.courseId);
  out.school = ref(ctx, 'schools', 'org', klass.schoolId);
  out.terms = klass.termIds.map((id) => ref(ctx, 'academicSessions', 'academicSession', id));
  out.periods = klass.periods;
  return out;
}

export function serializeUser(ctx: SerializeContext, user: UserRecord): Json {
  const out = base(user);
  out.username = user.username;
  out.userIds = [{ type: 'SIS', identifier: user.identifier }];
  out.enabledUser = flag(ctx, user.enabledUser);
  out.givenName = user.givenName;
  out.familyName = user.familyName;
  out.identifier = user.identifier;
  out.email = user.email;
  out.grades = user.grades;
  if (ctx.version === '1.1') {
    out.role = user.role;
    out.orgs = user.orgIds.map((id) => ref(ctx, 'orgs', 'org', id));
    return out;
  }
  out.userMasterIdentifier = user.identifier;
  out.roles = user.orgIds.map((id, i) => ({ roleType: i === 0 ? 'primary' : 'secondary', role: user.role, org: ref(ctx, 'orgs', 'org', id) }));
  const primary = user.orgIds[0];
  if (primary) out.primaryOrg = ref(ctx, 'orgs', 'org', primary);
  return out;
}

export function serializeEnrollment(ctx: SerializeContext, enrollment: EnrollmentRecord): Json {
  const out = base(enrollment);
  out.user = ref(ctx, 'users', 'user', enrollment.userId);
  out.class = ref(ctx, 'classes', 'class', enrollment.classId);
  out.school = ref(ctx, 'schools', 'org', enrollment.schoolId);
  out.role = enrollment.role;
  out.primary = flag(ctx, enrollment.primary);
  out.beginDate = enrollment.beginDate;
  out.endDate = enrollment.endDate;
  return out;
}

export function serializeCategory(ctx: SerializeContext, category: CategoryRecord): Json {
  const out = base(category);
  out.title = category.title;
  if (ctx.version === '1.2' && category.weight !== undefined) out.weight = category.weight;
  return out;
}

export function serializeLineItem(ctx: SerializeContext, item: LineItemRecord): Json {
  const out = base(item);
  out.title = item.title;
  if (item.description !== undefined) out.description = item.description;
  out.assignDate = item.assignDate;
  out.dueDate = item.dueDate;
  out.class = ref(ctx, 'classes', 'class', item.classId);
  if (ctx.version === '1.2') out.school = ref(ctx, 'schools', 'org', item.schoolId);
  out.category = ref(ctx, 'categories', 'category', item.categoryId);
  if (item.gradingPeriodId) out.gradingPeriod = ref(ctx, 'academicSessions', 'academicSession', item.gradingPeriodId);
  if (ctx.version === '1.2' && item.academicSessionId) out.academicSession = ref(ctx, 'academicSessions', 'academicSession', item.academicSessionId);
  if (item.resultValueMin !== undefined) out.resultValueMin = item.resultValueMin;
  if (item.resultValueMax !== undefined) out.resultValueMax = item.resultValueMax;
  return out;
}

export function serializeResult(ctx: SerializeContext, result: ResultRecord): Json {
  const out = base(result);
  out.lineItem = ref(ctx, 'lineItems', 'lineItem', result.lineItemId);
  out.student = ref(ctx, 'users', 'user', result.studentId);
  if (ctx.version === '1.2') out.class = ref(ctx, 'classes', 'class', result.classId);
  out.scoreStatus = result.scoreStatus;
  if (result.score !== undefined) out.score = result.score;
  if (ctx.version === '1.2' && result.textScore !== undefined) out.textScore = result.textScore;
  out.scoreDate = result.scoreDate;
  if (result.comment !== undefined) out.comment = result.comment;
  if (ctx.version === '1.2') {
    for (const key of ['inProgress', 'incomplete', 'late', 'missing'] as const) {
      if (result[key] !== undefined) out[key] = result[key];
    }
  }
  return out;
}

export function serializeResource(ctx: SerializeContext, resource: ResourceRecord): Json {
  const out = base(resource);
  out.title = resource.title;
  out.roles = resource.roles;
  out.importance = resource.importance;
  out.vendorResourceId = resource.vendorResourceId;
  return out;
}

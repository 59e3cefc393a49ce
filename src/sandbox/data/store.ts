/**
 * The in-memory store: one Map per record type keyed by sourcedId, plus the indexes the endpoints
 * need (class -> enrollments, user -> enrollments, class -> line items, line item -> results, ...),
 * so that no request scans a whole collection to answer a keyed question.
 */
import type {
  CategoryRecord, ClassRecord, CourseRecord, EnrollmentRecord, LineItemRecord, OrgRecord, ResourceRecord,
  ResultRecord, SandboxDataset, SessionRecord, UserRecord, UserRole,
} from './types.js';

type Index = Map<string, Set<string>>;

function addTo(index: Index, key: string, id: string): void {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(id);
}

function removeFrom(index: Index, key: string, id: string): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) index.delete(key);
}

function byId<T extends { sourcedId: string }>(records: T[]): Map<string, T> {
  return new Map(records.map((record) => [record.sourcedId, record]));
}

export class SandboxStore {
  readonly orgs: Map<string, OrgRecord>;
  readonly sessions: Map<string, SessionRecord>;
  readonly courses: Map<string, CourseRecord>;
  readonly classes: Map<string, ClassRecord>;
  readonly users: Map<string, UserRecord>;
  readonly enrollments: Map<string, EnrollmentRecord>;
  readonly categories: Map<string, CategoryRecord>;
  readonly lineItems: Map<string, LineItemRecord>;
  readonly results: Map<string, ResultRecord>;
  readonly resources: Map<string, ResourceRecord>;

  readonly usersByRole: Index = new Map();
  readonly classesBySchool: Index = new Map();
  readonly classesByTerm: Index = new Map();
  readonly classesByCourse: Index = new Map();
  readonly enrollmentsByClass: Index = new Map();
  readonly enrollmentsByUser: Index = new Map();
  readonly categoriesByClass: Index = new Map();
  readonly lineItemsByClass: Index = new Map();
  readonly resultsByLineItem: Index = new Map();
  readonly resultsByClass: Index = new Map();
  readonly resourcesByCourse: Index = new Map();

  constructor(data: SandboxDataset) {
    this.orgs = byId(data.orgs);
    this.sessions = byId(data.sessions);
    this.courses = byId(data.courses);
    this.classes = byId(data.classes);
    this.users = byId(data.users);
    this.enrollments = byId(data.enrollments);
    this.categories = byId(data.categories);
    this.lineItems = new Map();
    this.results = new Map();
    this.resources = byId(data.resources);
    for (const user of data.users) addTo(this.usersByRole, user.role, user.sourcedId);
    for (const klass of data.classes) {
      addTo(this.classesBySchool, klass.schoolId, klass.sourcedId);
      addTo(this.classesByCourse, klass.courseId, klass.sourcedId);
      for (const term of klass.termIds) addTo(this.classesByTerm, term, klass.sourcedId);
    }
    for (const enrollment of data.enrollments) this.indexEnrollment(enrollment);
    for (const category of data.categories) addTo(this.categoriesByClass, category.classId, category.sourcedId);
    for (const resource of data.resources) addTo(this.resourcesByCourse, resource.courseId, resource.sourcedId);
    for (const lineItem of data.lineItems) this.putLineItem(lineItem);
    for (const result of data.results) this.putResult(result);
  }

  toDataset(): SandboxDataset {
    return {
      orgs: [...this.orgs.values()], sessions: [...this.sessions.values()], courses: [...this.courses.values()],
      classes: [...this.classes.values()], users: [...this.users.values()], enrollments: [...this.enrollments.values()],
      categories: [...this.categories.values()], lineItems: [...this.lineItems.values()], results: [...this.results.values()],
      resources: [...this.resources.values()],
    };
  }

  userWithRole(id: string, role: UserRole): UserRecord | undefined {
    const user = this.users.get(id);
    return user && user.role === role ? user : undefined;
  }

  school(id: string): OrgRecord | undefined {
    const org = this.orgs.get(id);
    return org && org.type === 'school' ? org : undefined;
  }

  /** Returns true when it replaced an existing line item. */
  putLineItem(lineItem: LineItemRecord): boolean {
    const previous = this.lineItems.get(lineItem.sourcedId);
    if (previous && previous.classId !== lineItem.classId) removeFrom(this.lineItemsByClass, previous.classId, previous.sourcedId);
    this.lineItems.set(lineItem.sourcedId, lineItem);
    addTo(this.lineItemsByClass, lineItem.classId, lineItem.sourcedId);
    return previous !== undefined;
  }

  /** Deletes a line item and its results. */
  deleteLineItem(id: string): boolean {
    const lineItem = this.lineItems.get(id);
    if (!lineItem) return false;
    for (const resultId of [...(this.resultsByLineItem.get(id) ?? [])]) this.deleteResult(resultId);
    this.lineItems.delete(id);
    removeFrom(this.lineItemsByClass, lineItem.classId, id);
    return true;
  }

  /** Returns true when it replaced an existing result. */
  putResult(result: ResultRecord): boolean {
    const previous = this.results.get(result.sourcedId);
    if (previous) {
      removeFrom(this.resultsByLineItem, previous.lineItemId, previous.sourcedId);
      removeFrom(this.resultsByClass, previous.classId, previous.sourcedId);
    }
    this.results.set(result.sourcedId, result);
    addTo(this.resultsByLineItem, result.lineItemId, result.sourcedId);
    addTo(this.resultsByClass, result.classId, result.sourcedId);
    return previous !== undefined;
  }

  deleteResult(id: string): boolean {
    const result = this.results.get(id);
    if (!result) return false;
    this.results.delete(id);
    removeFrom(this.resultsByLineItem, result.lineItemId, id);
    removeFrom(this.resultsByClass, result.classId, id);
    return true;
  }

  addEnrollment(enrollment: EnrollmentRecord): void {
    this.enrollments.set(enrollment.sourcedId, enrollment);
    this.indexEnrollment(enrollment);
  }

  deleteEnrollment(id: string): boolean {
    const enrollment = this.enrollments.get(id);
    if (!enrollment) return false;
    this.enrollments.delete(id);
    removeFrom(this.enrollmentsByClass, enrollment.classId, id);
    removeFrom(this.enrollmentsByUser, enrollment.userId, id);
    return true;
  }

  /** Moves an enrollment to another class (keeps its sourcedId, as SIS section changes often do). */
  moveEnrollment(id: string, klass: ClassRecord, modified: string): void {
    const enrollment = this.enrollments.get(id);
    if (!enrollment) return;
    removeFrom(this.enrollmentsByClass, enrollment.classId, id);
    enrollment.classId = klass.sourcedId;
    enrollment.schoolId = klass.schoolId;
    enrollment.dateLastModified = modified;
    addTo(this.enrollmentsByClass, klass.sourcedId, id);
  }

  /** Enrollments of a class, optionally limited to a role. */
  classEnrollments(classId: string, role?: 'teacher' | 'student'): EnrollmentRecord[] {
    const out: EnrollmentRecord[] = [];
    for (const id of this.enrollmentsByClass.get(classId) ?? []) {
      const enrollment = this.enrollments.get(id);
      if (enrollment && (role === undefined || enrollment.role === role)) out.push(enrollment);
    }
    return out;
  }

  userEnrollments(userId: string): EnrollmentRecord[] {
    const out: EnrollmentRecord[] = [];
    for (const id of this.enrollmentsByUser.get(userId) ?? []) {
      const enrollment = this.enrollments.get(id);
      if (enrollment) out.push(enrollment);
    }
    return out;
  }

  private indexEnrollment(enrollment: EnrollmentRecord): void {
    addTo(this.enrollmentsByClass, enrollment.classId, enrollment.sourcedId);
    addTo(this.enrollmentsByUser, enrollment.userId, enrollment.sourcedId);
  }
}

/** Resolves the ids of an index entry to records, skipping ids that no longer exist. */
export function resolveIds<T>(ids: Iterable<string> | undefined, map: Map<string, T>): T[] {
  const out: T[] = [];
  if (!ids) return out;
  for (const id of ids) {
    const record = map.get(id);
    if (record !== undefined) out.push(record);
  }
  return out;
}

/**
 * Admin roster mutations, so tests can change the SIS side between runs: rename or move a class,
 * move a student between classes, add or remove an enrollment, clear a class's enrollments.
 */
import { randomUUID } from 'node:crypto';
import { readJsonObject } from '../http/body.js';
import { sendJson, type RequestContext } from '../http/respond.js';
import type { ClassRecord, EnrollmentRecord } from '../data/types.js';
import { serializeEnrollment } from '../oneroster/serialize.js';
import type { SandboxRuntime } from '../runtime.js';
import { AdminError, adminNotFound, onlyFields, validationFailed } from './respond.js';

function idField(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw validationFailed(`${field} (a sourcedId) is required`);
  return value;
}

function requireClass(runtime: SandboxRuntime, id: string, field: string): ClassRecord {
  const klass = runtime.store.classes.get(id);
  if (!klass) throw validationFailed(`${field}: unknown class "${id}"`);
  return klass;
}

function show(runtime: SandboxRuntime, enrollment: EnrollmentRecord): Record<string, unknown> {
  return serializeEnrollment({ version: '1.2', origin: runtime.origin }, enrollment);
}

async function moveStudent(ctx: RequestContext, runtime: SandboxRuntime): Promise<void> {
  const body = await readJsonObject(ctx.req);
  onlyFields(body, ['student', 'fromClass', 'toClass']);
  const studentId = idField(body, 'student');
  if (!runtime.store.userWithRole(studentId, 'student')) throw validationFailed(`student: unknown student "${studentId}"`);
  const from = requireClass(runtime, idField(body, 'fromClass'), 'fromClass');
  const to = requireClass(runtime, idField(body, 'toClass'), 'toClass');
  const enrollments = runtime.store.userEnrollments(studentId);
  const current = enrollments.find((e) => e.classId === from.sourcedId);
  if (!current) throw validationFailed(`the student is not enrolled in class "${from.sourcedId}"`);
  if (enrollments.some((e) => e.classId === to.sourcedId)) throw new AdminError(409, 'conflict', `the student is already enrolled in class "${to.sourcedId}"`);
  runtime.store.moveEnrollment(current.sourcedId, to, runtime.clock.now().toISOString());
  sendJson(ctx, 200, { enrollment: show(runtime, current) });
}

async function addEnrollment(ctx: RequestContext, runtime: SandboxRuntime): Promise<void> {
  const body = await readJsonObject(ctx.req);
  onlyFields(body, ['user', 'class', 'role', 'primary', 'sourcedId']);
  const user = runtime.store.users.get(idField(body, 'user'));
  if (!user) throw validationFailed(`user: unknown user "${String(body.user)}"`);
  const klass = requireClass(runtime, idField(body, 'class'), 'class');
  const role = body.role ?? (user.role === 'teacher' ? 'teacher' : 'student');
  if (role !== 'teacher' && role !== 'student') throw validationFailed('role must be teacher or student');
  if (body.primary !== undefined && typeof body.primary !== 'boolean') throw validationFailed('primary must be true or false');
  const sourcedId = typeof body.sourcedId === 'string' && body.sourcedId !== '' ? body.sourcedId : randomUUID();
  if (runtime.store.enrollments.has(sourcedId)) throw new AdminError(409, 'conflict', `enrollment "${sourcedId}" already exists`);
  const year = runtime.config.data.schoolYear;
  const enrollment: EnrollmentRecord = {
    sourcedId, status: 'active', dateLastModified: runtime.clock.now().toISOString(), userId: user.sourcedId,
    classId: klass.sourcedId, schoolId: klass.schoolId, role, primary: body.primary === true,
    beginDate: `${year - 1}-08-15`, endDate: `${year}-06-12`,
  };
  runtime.store.addEnrollment(enrollment);
  sendJson(ctx, 201, { enrollment: show(runtime, enrollment) });
}

async function removeEnrollment(ctx: RequestContext, runtime: SandboxRuntime): Promise<void> {
  const body = await readJsonObject(ctx.req);
  onlyFields(body, ['enrollment']);
  const id = idField(body, 'enrollment');
  if (!runtime.store.deleteEnrollment(id)) throw adminNotFound(`enrollment "${id}"`);
  sendJson(ctx, 200, { removed: 1 });
}

async function clearEnrollments(ctx: RequestContext, runtime: SandboxRuntime): Promise<void> {
  const body = await readJsonObject(ctx.req);
  onlyFields(body, ['class', 'role']);
  const klass = requireClass(runtime, idField(body, 'class'), 'class');
  const role = body.role;
  if (role !== undefined && role !== 'teacher' && role !== 'student') throw validationFailed('role must be teacher or student');
  const doomed = runtime.store.classEnrollments(klass.sourcedId, role);
  for (const enrollment of doomed) runtime.store.deleteEnrollment(enrollment.sourcedId);
  sendJson(ctx, 200, { removed: doomed.length });
}

const CLASS_TEXT_FIELDS = ['title', 'location', 'classCode'] as const;

/** Renames or moves a class (what a registrar does between two roster imports). */
async function updateClass(ctx: RequestContext, runtime: SandboxRuntime): Promise<void> {
  const body = await readJsonObject(ctx.req);
  onlyFields(body, ['class', ...CLASS_TEXT_FIELDS]);
  const klass = requireClass(runtime, idField(body, 'class'), 'class');
  const changes = CLASS_TEXT_FIELDS.filter((field) => body[field] !== undefined);
  if (changes.length === 0) throw validationFailed(`give at least one of ${CLASS_TEXT_FIELDS.join(', ')}`);
  for (const field of changes) {
    if (typeof body[field] !== 'string') throw validationFailed(`${field} must be a string`);
    if (field === 'title' && (body[field] as string).trim() === '') throw validationFailed('title must not be empty');
  }
  for (const field of changes) klass[field] = body[field] as string;
  klass.dateLastModified = runtime.clock.now().toISOString();
  sendJson(ctx, 200, { class: { sourcedId: klass.sourcedId, title: klass.title, location: klass.location, classCode: klass.classCode } });
}

const ACTIONS: Record<string, (ctx: RequestContext, runtime: SandboxRuntime) => Promise<void>> = {
  'update-class': updateClass,
  'move-student': moveStudent,
  'add-enrollment': addEnrollment,
  'remove-enrollment': removeEnrollment,
  'clear-enrollments': clearEnrollments,
};

export async function handleRoster(ctx: RequestContext, runtime: SandboxRuntime, rest: string[]): Promise<void> {
  const action = rest.length === 1 ? ACTIONS[rest[0]!] : undefined;
  if (!action) throw adminNotFound(`admin endpoint ${ctx.path}`);
  if (ctx.method !== 'POST') throw new AdminError(405, 'method_not_allowed', `use POST for ${rest[0]}`);
  await action(ctx, runtime);
}

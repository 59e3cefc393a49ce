/** A sandbox with an empty Classroom, a district repository pointed at it, and the link applied. */
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { runApply } from '../../src/commands/apply.js';
import { districtYaml, makeDistrictRepo, type DistrictRepo } from '../helpers/district-repo.js';
import { runRoster } from '../../src/commands/roster.js';
import type { RosterReport } from '../../src/jobs/roster/index.js';

export const SECRET = 'canary-roster-5d1e7a90c4';
export const NOW = new Date('2026-09-01T12:00:00Z');

export interface RosterWorld {
  sandbox: SandboxHandle;
  repo: DistrictRepo;
  state: string;
  close(): Promise<void>;
}

export interface RosterJobYaml {
  removeUnenrolled?: boolean;
  archiveEndedTerms?: boolean;
  concurrency?: number;
  selector?: string;
  /** Lines of the job's `mapping:` block, e.g. `rule: teacher-email-title`. */
  mapping?: string[];
  /** Lines of the job's `safety:` block, e.g. `minRemovals: 1`. */
  safety?: string[];
  adoptFallbackMatches?: boolean;
}

export function rosterYaml(sandbox: SandboxHandle, job: RosterJobYaml = {}): string {
  const extra = [
    '  rosterImport:',
    '    name: roster',
    `    removeUnenrolled: ${job.removeUnenrolled ?? true}`,
    `    archiveEndedTerms: ${job.archiveEndedTerms ?? false}`,
    ...(job.concurrency === undefined ? [] : [`    concurrency: ${job.concurrency}`]),
    ...(job.adoptFallbackMatches === undefined ? [] : [`    adoptFallbackMatches: ${job.adoptFallbackMatches}`]),
    ...(job.selector === undefined ? [] : [job.selector]),
    ...(job.mapping === undefined ? [] : ['    mapping:', ...job.mapping.map((line) => `      ${line}`)]),
    ...(job.safety === undefined ? [] : ['    safety:', ...job.safety.map((line) => `      ${line}`)]),
    '',
  ].join('\n');
  return districtYaml({
    name: 'maple', baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, key: sandbox.clientId,
    classroom: { apiUrl: sandbox.classroomUrl, tokenUrl: sandbox.classroomTokenUrl }, rosterImport: true, extraSpec: extra,
  });
}

export async function makeRosterWorld(job: RosterJobYaml = {}, size: 'tiny' | 'small' = 'small'): Promise<RosterWorld> {
  const sandbox = await startSandbox({ port: 0, size, clientSecret: SECRET, now: NOW, classroom: { emptyClassroom: true } });
  const repo = await makeDistrictRepo(SECRET, sandbox.classroomServiceAccountKey);
  await repo.write('maple', rosterYaml(sandbox, job));
  const state = `sqlite:${repo.dir}/.sislink/state.db`;
  const code = await runApply({ targets: ['districts'], autoApprove: true, state, now: NOW, cwd: repo.dir, write: () => undefined });
  if (code !== 0) throw new Error(`link apply failed with exit code ${code}`);
  return {
    sandbox, repo, state,
    close: async () => {
      await sandbox.close();
      await repo.cleanup();
    },
  };
}

/** Sends an admin roster change to the SIS sandbox. */
export async function sisAdmin(sandbox: SandboxHandle, action: string, body: Record<string, unknown>): Promise<Response> {
  const response = await fetch(`${sandbox.adminUrl}/roster/${action}`, {
    method: 'POST', headers: { authorization: `Bearer ${sandbox.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`admin ${action}: ${response.status} ${await response.text()}`);
  return response;
}

export interface RosterRun {
  code: number;
  report: RosterReport;
  stderr: string;
}

/** Runs `roster plan|apply` in process (JSON format, no client-side quota so tests stay quick). */
export async function roster(world: RosterWorld, mode: 'plan' | 'apply', extra: { allowMassRemoval?: boolean; now?: Date } = {}): Promise<RosterRun> {
  let stdout = '';
  let stderr = '';
  const code = await runRoster({
    paths: ['districts'], mode, state: world.state, cwd: world.repo.dir, format: 'json', ...extra, now: extra.now ?? NOW,
    write: (text) => (stdout += text), warn: (text) => (stderr += text), connections: { classroomRateLimit: false },
  });
  return { code, report: JSON.parse(stdout) as RosterReport, stderr };
}

/** Runs `roster plan|apply` in process with the text output (what a person reads). */
export async function rosterText(world: RosterWorld, mode: 'plan' | 'apply', extra: { allowMassRemoval?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runRoster({
    paths: ['districts'], mode, state: world.state, cwd: world.repo.dir, format: 'text', ...extra, now: NOW,
    write: (text) => (stdout += text), warn: (text) => (stderr += text), connections: { classroomRateLimit: false },
  });
  return { code, stdout, stderr };
}

/** What the SIS sandbox says each current class should hold (computed from its store, not by sislink). */
export function expectedRoster(sandbox: SandboxHandle, today = '2026-09-01'): Map<string, { teachers: string[]; primary: string | undefined; students: string[] }> {
  const data = sandbox.data;
  const current = [...data.classes.values()].filter((klass) => klass.status === 'active' && klass.termIds.some((id) => {
    const term = data.sessions.get(id);
    return term !== undefined && term.startDate <= today && today <= term.endDate;
  }));
  const result = new Map<string, { teachers: string[]; primary: string | undefined; students: string[] }>();
  for (const klass of current) {
    const enrollments = [...data.enrollments.values()].filter((e) => e.classId === klass.sourcedId && e.status === 'active');
    const email = (id: string) => data.users.get(id)!.email.toLowerCase();
    result.set(klass.sourcedId, {
      teachers: enrollments.filter((e) => e.role === 'teacher').map((e) => email(e.userId)).sort(),
      primary: enrollments.find((e) => e.role === 'teacher' && e.primary) && email(enrollments.find((e) => e.role === 'teacher' && e.primary)!.userId),
      students: enrollments.filter((e) => e.role === 'student').map((e) => email(e.userId)).sort(),
    });
  }
  return result;
}

/** The SIS title of a class in the sandbox. */
export function classTitle(sandbox: SandboxHandle, classId: string): string {
  return sandbox.data.classes.get(classId)!.title;
}

/** A course a teacher made by hand in the Classroom emulator: no alias unless one is given. */
export function handMadeCourse(sandbox: SandboxHandle, id: string, name: string, ownerEmail: string, alias?: string): void {
  const store = sandbox.classroom!.store;
  const owner = store.resolveUser(ownerEmail, undefined)!;
  store.putCourse({
    id, name, section: 'my section', room: 'my room', ownerId: owner.id, courseState: 'ACTIVE', enrollmentCode: id,
    creationTime: '', updateTime: '', gradeCategories: [], gradingPeriods: [],
  });
  store.addMember('teacher', id, owner.id);
  if (alias !== undefined) store.putAlias(alias, id);
}

/** What the Classroom emulator holds under an alias. */
export function classroomCourse(sandbox: SandboxHandle, alias: string): { id: string; owner: string; teachers: string[]; students: string[]; state: string; name: string } | undefined {
  const store = sandbox.classroom!.store;
  const course = store.resolveCourse(alias);
  if (course === undefined) return undefined;
  const email = (id: string) => store.users.get(id)!.email.toLowerCase();
  return {
    id: course.id, owner: email(course.ownerId), state: course.courseState, name: course.name,
    teachers: [...(store.members.teacher.get(course.id) ?? [])].map(email).sort(),
    students: [...(store.members.student.get(course.id) ?? [])].map(email).sort(),
  };
}

/** Active student enrollments of a class in the SIS sandbox. */
export function studentEnrollments(sandbox: SandboxHandle, classId: string) {
  return [...sandbox.data.enrollments.values()].filter((e) => e.classId === classId && e.role === 'student' && e.status === 'active');
}

/**
 * A world where one single-teacher class is cut to 3 students, in the SIS and (through an
 * accepted mass removal) in Classroom: a tiny course for the safety rails.
 */
export async function makeTinyCourseWorld(job: RosterJobYaml): Promise<{ world: RosterWorld; classId: string }> {
  const world = await makeRosterWorld(job, 'small');
  const classId = [...expectedRoster(world.sandbox)].find(([, c]) => c.teachers.length === 1 && c.students.length > 4)![0];
  for (const enrollment of studentEnrollments(world.sandbox, classId).slice(3)) {
    await sisAdmin(world.sandbox, 'remove-enrollment', { enrollment: enrollment.sourcedId });
  }
  const first = await roster(world, 'apply', { allowMassRemoval: true });
  if (first.code !== 0) throw new Error(`initial import: ${first.stderr}`);
  return { world, classId };
}

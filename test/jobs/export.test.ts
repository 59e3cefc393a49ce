import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { runApply } from '../../src/commands/apply.js';
import { runExport } from '../../src/commands/export.js';
import { districtNamespace, lineItemId, resultId } from '../../src/jobs/export/ids.js';
import type { ExportSummary } from '../../src/jobs/export/tally.js';
import { gradeExportDistrictYaml, makeDistrictRepo, type DistrictRepo } from '../helpers/district-repo.js';

const SECRET = 'canary-export-4c1e9a7b3d';
const NOW = new Date('2026-09-01T12:00:00Z');

let sandbox: SandboxHandle;
let repo: DistrictRepo;

async function exportRun(extra: { full?: boolean; mode?: 'plan' | 'run' } = {}): Promise<{ code: number; summary: ExportSummary }> {
  let out = '';
  const code = await runExport({
    paths: ['districts'], mode: extra.mode ?? 'run', full: extra.full, state: 'sqlite:.sislink/state.db', now: NOW, cwd: repo.dir, format: 'json',
    connections: { classroomRateLimit: false },
    write: (text) => (out += text),
  });
  return { code, summary: JSON.parse(out) as ExportSummary };
}

async function applyLink(): Promise<void> {
  const code = await runApply({ targets: ['districts'], autoApprove: true, state: 'sqlite:.sislink/state.db', now: NOW, cwd: repo.dir, write: () => undefined });
  expect(code).toBe(0);
}

function sisWrites(): number {
  return sandbox.requests().filter((request) => request.method === 'PUT' || request.method === 'DELETE').length;
}

/** Every assigned grade of a mapped course, computed from the Classroom emulator's own data. */
function expectedResults(): Map<string, { score: number; lineItem: string; student: string }> {
  const classroom = sandbox.classroom;
  if (classroom === undefined) throw new Error('sandbox without Classroom');
  const namespace = districtNamespace('maple.example.edu');
  const sisStudents = new Map([...sandbox.data.users.values()].filter((user) => user.role === 'student').map((user) => [user.email.toLowerCase(), user.sourcedId]));
  const expected = new Map<string, { score: number; lineItem: string; student: string }>();
  for (const [alias, courseId] of classroom.store.aliases) {
    if (!alias.startsWith('d:')) continue;
    const classId = alias.slice(2);
    const enrolled = new Set(sandbox.data.classEnrollments(classId, 'student').map((enrollment) => enrollment.userId));
    for (const work of classroom.store.courseWorkByCourse.get(courseId)?.values() ?? []) {
      if (work.state !== 'PUBLISHED' || !work.maxPoints) continue;
      for (const submission of classroom.store.submissionsByCourseWork.get(work.id)?.values() ?? []) {
        if (submission.assignedGrade === undefined) continue;
        const email = classroom.store.users.get(submission.userId)?.email.toLowerCase() ?? '';
        const student = sisStudents.get(email);
        if (student === undefined || !enrolled.has(student)) continue;
        expected.set(resultId(namespace, courseId, work.id, submission.userId), { score: submission.assignedGrade, lineItem: lineItemId(namespace, courseId, work.id), student });
      }
    }
  }
  return expected;
}

function assertSisMatchesClassroom(): void {
  const expected = expectedResults();
  expect(expected.size).toBeGreaterThan(0);
  const actual = sandbox.data.results;
  expect(actual.size).toBe(expected.size);
  for (const [id, want] of expected) {
    const result = actual.get(id);
    expect(result, id).toBeDefined();
    expect(result?.score).toBe(want.score);
    expect(result?.scoreStatus).toBe('fully graded');
    expect(result?.lineItemId).toBe(want.lineItem);
    expect(result?.studentId).toBe(want.student);
  }
  for (const result of actual.values()) expect(sandbox.data.lineItems.has(result.lineItemId)).toBe(true);
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, size: 'tiny', clientSecret: SECRET, now: NOW });
  repo = await makeDistrictRepo(SECRET, sandbox.classroomServiceAccountKey);
  await repo.write('maple', gradeExportDistrictYaml('maple', sandbox));
  await applyLink();
});
afterAll(async () => {
  await sandbox.close();
  await repo.cleanup();
});

describe('grade export against the sandbox', () => {
  it('plans, exports every assigned grade and nothing else, then makes zero writes on a re-run', async () => {
    const plan = await exportRun({ mode: 'plan' });
    expect(plan.summary.planned.resultsNew).toBeGreaterThan(0);
    expect(sandbox.data.results.size).toBe(0);

    const first = await exportRun();
    expect(first.code).toBe(0);
    expect(first.summary.failed).toBe(0);
    expect(first.summary.written.resultsCreated).toBe(expectedResults().size);
    assertSisMatchesClassroom();
    const lineItem = [...sandbox.data.lineItems.values()][0];
    expect(lineItem?.categoryId).toBeTruthy();

    sandbox.clearRequests();
    const second = await exportRun();
    expect(second.code).toBe(0);
    expect(sisWrites()).toBe(0);
    expect(second.summary.unchanged).toBeGreaterThan(0);
  });

  it('writes exactly the changed grades and the deleted courseWork', async () => {
    const classroom = sandbox.classroom!;
    const graded = [...classroom.store.submissions.values()].filter((submission) => submission.assignedGrade !== undefined);
    const firstCourseWork = graded[0]?.courseWorkId ?? '';
    const changed = graded.filter((submission) => submission.courseWorkId !== firstCourseWork).slice(0, 10);
    for (const submission of changed) classroom.admin.setGrades(submission.id, { assignedGrade: (submission.assignedGrade ?? 0) + 1 });
    const deletedWork = classroom.store.courseWork.get(firstCourseWork);
    expect(deletedWork).toBeDefined();
    const deletedResults = [...(classroom.store.submissionsByCourseWork.get(firstCourseWork)?.values() ?? [])].filter((s) => s.assignedGrade !== undefined).length;
    classroom.admin.deleteCourseWork(deletedWork!.courseId, firstCourseWork);

    sandbox.clearRequests();
    const run = await exportRun();
    expect(run.code).toBe(0);
    const requests = sandbox.requests();
    expect(requests.filter((request) => request.method === 'PUT' && request.path.includes('/results/'))).toHaveLength(10);
    expect(requests.filter((request) => request.method === 'DELETE' && request.path.includes('/lineItems/'))).toHaveLength(1);
    expect(requests.filter((request) => request.method === 'DELETE' && request.path.includes('/results/'))).toHaveLength(deletedResults);
    assertSisMatchesClassroom();
  });

  it('deletes the result of a grade removed in Classroom', async () => {
    const classroom = sandbox.classroom!;
    const graded = [...classroom.store.submissions.values()].find((submission) => submission.assignedGrade !== undefined);
    expect(graded).toBeDefined();
    classroom.admin.setGrades(graded!.id, { assignedGrade: null });
    sandbox.clearRequests();
    expect((await exportRun()).code).toBe(0);
    const writes = sandbox.requests().filter((request) => request.method === 'PUT' || request.method === 'DELETE');
    expect(writes.map((request) => request.method)).toEqual(['DELETE']);
    assertSisMatchesClassroom();
  });

  it('never duplicates after unlink, re-link and a wiped state store', async () => {
    const before = { lineItems: sandbox.data.lineItems.size, results: sandbox.data.results.size };
    await rm(join(repo.dir, '.sislink'), { recursive: true, force: true });
    await applyLink();
    const run = await exportRun();
    expect(run.code).toBe(0);
    expect(run.summary.written.resultsCreated).toBe(0);
    expect(run.summary.written.lineItemsCreated).toBe(0);
    expect({ lineItems: sandbox.data.lineItems.size, results: sandbox.data.results.size }).toEqual(before);
    assertSisMatchesClassroom();
  });
});

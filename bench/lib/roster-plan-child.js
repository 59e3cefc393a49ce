// One measured roster step in a fresh process, so its peak RSS is its own: `pure` plans a
// synthetic roster; `plan` and `apply` run against the sandbox described by ROSTER_TARGET.
// Prints one JSON line with the measurements.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClassroomClient } from '../../dist/src/classroom/index.js';
import { createOneRosterClient } from '../../dist/src/oneroster/index.js';
import {
  applyRosterPlan, minimumClassroomCalls, observeRoster, planRosterActions, readDesired,
} from '../../dist/src/jobs/roster/index.js';
import { openStateStore } from '../../dist/src/state/open.js';

const [mode, ...args] = process.argv.slice(2);
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

function synthetic(classes, perClass) {
  const courses = Array.from({ length: classes }, (_, c) => ({
    classId: `class-${c}`, alias: `d:class-${c}`, fields: { name: `Class ${c}`, section: `S-${c}`, room: `Room ${c % 200}` },
    teachers: [`teacher-${c % 500}@bench.example.edu`],
    students: Array.from({ length: perClass }, (_, s) => `student-${(c * 7 + s * 13) % 10000}-${s}@bench.example.edu`),
  }));
  return { courses, ended: [], terms: [], issues: [] };
}

function observedFrom(desired) {
  const member = (email) => ({ userId: `u-${email}`, email });
  return {
    courses: new Map(desired.courses.map((c) => [c.classId, {
      classId: c.classId, alias: c.alias, courseId: `id-${c.classId}`, state: 'ACTIVE', ownerId: `u-${c.teachers[0]}`,
      teachers: c.teachers.map(member), students: c.students.map(member),
    }])),
  };
}

function pure() {
  const [classes, perClass] = args.map(Number);
  const desired = synthetic(classes, perClass);
  const options = { removeUnenrolled: true, archiveEndedTerms: true };
  let started = performance.now();
  const fromEmpty = planRosterActions(desired, { courses: new Map() }, options);
  const emptyMs = performance.now() - started;
  const observed = observedFrom(desired);
  started = performance.now();
  const steady = planRosterActions(desired, observed, options);
  const steadyMs = performance.now() - started;
  return { classes, enrollments: fromEmpty.desiredMembers, actions: fromEmpty.actions.length, emptyMs, steadyMs, steadyActions: steady.actions.length };
}

function clients(target) {
  const oneRoster = createOneRosterClient({
    endpoints: { baseUrl: target.url, rosteringUrl: target.rostering12Url, gradebookUrl: target.gradebook12Url, tokenUrl: target.tokenUrl, version: '1.2', auth: 'oauth2-basic' },
    credentials: { clientId: target.clientId, clientSecret: target.clientSecret }, userAgent: 'sislink-bench',
  });
  const classroom = createClassroomClient({
    apiUrl: target.classroomUrl, tokenUrl: target.classroomTokenUrl, serviceAccountKey: target.classroomServiceAccountKey,
    subject: 'admin@bench.example.edu', userAgent: 'sislink-bench', rateLimit: false,
  });
  return { oneRoster, classroom };
}

const totalCalls = (classroom) => Object.values(classroom.stats().calls).reduce((sum, n) => sum + n, 0);

async function againstSandbox(apply) {
  const target = JSON.parse(process.env.ROSTER_TARGET);
  const { oneRoster, classroom } = clients(target);
  const options = { removeUnenrolled: true, archiveEndedTerms: false };
  const started = performance.now();
  const { desired, read } = await readDesired(oneRoster, { aliasPrefix: 'd:', today: target.today });
  const readMs = performance.now() - started;
  const observed = await observeRoster(classroom, desired, { includeEnded: false, concurrency: 16 });
  const plan = planRosterActions(desired, observed, options);
  const planMs = performance.now() - started;
  const listed = [...observed.courses.values()].filter((c) => c.state !== 'ARCHIVED').length;
  const result = {
    sisClasses: read.classes, classes: desired.courses.length, enrollments: plan.desiredMembers, actions: plan.actions.length,
    readMs, planMs, oneRosterRequests: Object.values(oneRoster.stats().http.requests).reduce((a, b) => a + b, 0),
    observeCalls: totalCalls(classroom), observeMinimum: minimumClassroomCalls(desired.courses.length, listed, 0),
  };
  if (apply) {
    const dir = await mkdtemp(join(tmpdir(), 'sislink-bench-'));
    const store = await openStateStore(`sqlite:${join(dir, 'state.db')}`);
    const applyStarted = performance.now();
    const counts = await applyRosterPlan({ classroom, store, district: 'bench', job: 'roster', runId: 'bench', planHash: 'bench' }, plan);
    result.applyMs = performance.now() - applyStarted;
    result.failed = counts.failed;
    result.totalCalls = totalCalls(classroom);
    result.totalMinimum = result.observeMinimum + plan.actions.length;
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
  await oneRoster.close();
  await classroom.close();
  return result;
}

const result = mode === 'pure' ? pure() : await againstSandbox(mode === 'apply');
process.stdout.write(`${JSON.stringify({ ...result, peakRssMb: peakRssMb() })}\n`);

// Runs the built sandbox in its own process for benchmarks, so the load generators do not share
// its event loop. Prints one JSON line with the handle's URLs and credentials, stops on SIGTERM.
// Defaults (seed 7, size BENCH_SIZE or 'small') serve put-results.bench.js; the export benchmarks
// pass more through the environment:
//   BENCH_SANDBOX_OPTIONS  JSON: { schools, classes, students, seed, now, courseWorkPerCourse }
//   BENCH_SANDBOX_KEY_FILE where to write the Classroom service-account key (mode 0600); it holds
//                          a private key, so it never goes to stdout.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startSandbox } from '../../dist/src/sandbox/index.js';

const extra = process.env.BENCH_SANDBOX_OPTIONS ? JSON.parse(process.env.BENCH_SANDBOX_OPTIONS) : {};
const { courseWorkPerCourse, now, ...counts } = extra;
const began = performance.now();
const sandbox = await startSandbox({
  seed: 7,
  size: process.env.BENCH_SIZE ?? 'small',
  ...counts,
  ...(now ? { now: new Date(now) } : {}),
  ...(courseWorkPerCourse ? { classroom: { courseWorkPerCourse } } : {}),
});
const startMs = Math.round(performance.now() - began);
const keyFile = process.env.BENCH_SANDBOX_KEY_FILE;
if (keyFile && sandbox.classroomServiceAccountKey) {
  writeFileSync(keyFile, JSON.stringify(sandbox.classroomServiceAccountKey), { mode: 0o600 });
}
const { url, oneRoster11Url, rostering12Url, gradebook12Url, tokenUrl, clientId, clientSecret, classroomUrl, classroomTokenUrl, adminUrl, adminToken } = sandbox;
function seededCounts(store) {
  let graded = 0;
  for (const submission of store.submissions.values()) if (submission.assignedGrade !== undefined) graded += 1;
  return { courses: store.courses.size, courseWork: store.courseWork.size, submissions: store.submissions.size, graded };
}
const seeded = sandbox.classroom ? seededCounts(sandbox.classroom.store) : undefined;
process.stdout.write(`${JSON.stringify({
  url, oneRoster11Url, rostering12Url, gradebook12Url, tokenUrl, clientId, clientSecret, classroomUrl, classroomTokenUrl, adminUrl, adminToken,
  pid: process.pid, startMs, rssMb: Math.round(process.memoryUsage().rss / 1048576), seeded,
})}\n`);
// BENCH_SANDBOX_PROFILE=FILE: a CPU profile of the sandbox, written on SIGTERM.
const profiler = process.env.BENCH_SANDBOX_PROFILE ? await startProfiler() : undefined;
async function startProfiler() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => writeFileSync(process.env.BENCH_SANDBOX_PROFILE, JSON.stringify((await session.post('Profiler.stop')).profile));
}
process.once('SIGTERM', () => {
  Promise.resolve(profiler?.()).then(() => sandbox.close()).then(() => process.exit(0), () => process.exit(1));
});

// The pure read pass an export needs, done with the job's own clients (same link, same Classroom
// service account, quota limiter off) and nothing else: SIS classes; per class the course by
// alias, Classroom students, courseWork and submissions, SIS categories and students, and the
// grading periods of its terms (once per term), with the export's field selections. No mapping,
// no hashing, no checkpoints.
import { performance } from 'node:perf_hooks';
import { loadDistrictsOrThrow } from '../../dist/src/config/load.js';
import { mapConcurrent } from '../../dist/src/http/pool.js';
import { openJobConnections } from '../../dist/src/jobs/connection.js';
import { SIS_STUDENT_FIELDS } from '../../dist/src/jobs/export/class-reads.js';
import { DEFAULT_CLASS_CONCURRENCY } from '../../dist/src/jobs/export/run.js';
import { openStateStore } from '../../dist/src/state/open.js';
import { STATE } from './export-env.js';

async function collect(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export async function readPass(repo, { classConcurrency = DEFAULT_CLASS_CONCURRENCY } = {}) {
  const began = performance.now();
  const cpu = process.cpuUsage();
  const { districts } = await loadDistrictsOrThrow(['districts'], { cwd: repo.dir });
  const store = await openStateStore(STATE, { cwd: repo.dir });
  const district = districts[0];
  const connections = await openJobConnections(store, district, { classroomRateLimit: false });
  const { oneRoster, classroom } = connections;
  const prefix = district.config.spec.exports[0]?.mapping?.aliasPrefix ?? 'd:';
  const termPeriods = new Map();
  const totals = { classes: 0, courseWork: 0, submissions: 0 };
  try {
    const classes = (await collect(oneRoster.classes())).filter((sisClass) => sisClass.status !== 'tobedeleted');
    await mapConcurrent(classes, classConcurrency, async (sisClass) => {
      const course = await classroom.findCourse(`${prefix}${sisClass.sourcedId}`);
      if (course === undefined) return;
      const periods = (sisClass.terms ?? []).map((term) => {
        if (!termPeriods.has(term.sourcedId)) termPeriods.set(term.sourcedId, collect(oneRoster.gradingPeriodsForTerm(term.sourcedId)));
        return termPeriods.get(term.sourcedId);
      });
      const [, , , , courseWork, submissions] = await Promise.all([
        classroom.studentEmails(course.id).all(),
        collect(oneRoster.categoriesForClass(sisClass.sourcedId)),
        collect(oneRoster.studentsForClass(sisClass.sourcedId, { fields: SIS_STUDENT_FIELDS })),
        Promise.all(periods),
        classroom.courseWork(course.id).all().then((items) => items.length),
        classroom.submissionGrades(course.id, { courseWorkId: '-' }).all().then((items) => items.length),
      ]);
      totals.classes += 1;
      totals.courseWork += courseWork;
      totals.submissions += submissions;
    });
    const used = process.cpuUsage(cpu);
    return { ...totals, wallMs: performance.now() - began, cpuMs: (used.user + used.system) / 1000, requests: { oneRoster: oneRoster.stats().http.requests, classroom: classroom.stats().http.requests } };
  } finally {
    await connections.close();
    await store.close();
  }
}

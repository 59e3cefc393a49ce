/**
 * The grade-export job: every SIS class with a Classroom course, exported with bounded
 * concurrency over keep-alive connections. Memory stays bounded by the classes in flight, not by
 * the number of results; checkpoints make re-runs incremental and a killed run resumable.
 */
import { randomUUID } from 'node:crypto';
import type { ExportJobSpec, LoadedDistrict } from '../../config/types.js';
import { SislinkError } from '../../errors.js';
import { DEFAULT_CONNECTIONS, mapConcurrent } from '../../http/index.js';
import type { OneRosterClass } from '../../oneroster/types.js';
import type { StateStore } from '../../state/types.js';
import type { AuditSink } from '../../reconcile/context.js';
import { createLimiter } from '../limiter.js';
import { openJobConnections, type ConnectionOptions } from '../connection.js';
import { createCheckpointWriter } from './checkpoints.js';
import { createCourseFinder } from './classes.js';
import { exportClass, type ExportDeps, type ExportSettings } from './class-export.js';
import { loadClassMarks } from './fingerprint.js';
import { districtNamespace } from './ids.js';
import { createTally, type ExportSummary } from './tally.js';

/** Courses exported at once, unless the job's `concurrency` says otherwise. */
export const DEFAULT_CLASS_CONCURRENCY = 4;
/** Writes in flight per course at once, up to one per connection of the SIS client's pool in all. */
const WRITES_PER_CLASS = 8;

/**
 * The SIS writes in flight for a number of courses at once. A deeper queue keeps the SIS busy while
 * the exporter maps the next course; a job with a lower `concurrency` also sends fewer writes at once.
 */
export function writeConcurrencyFor(classConcurrency: number): number {
  return Math.min(classConcurrency * WRITES_PER_CLASS, DEFAULT_CONNECTIONS);
}

export const DEFAULT_WRITE_CONCURRENCY = writeConcurrencyFor(DEFAULT_CLASS_CONCURRENCY);

export interface ExportProgress {
  classesDone: number;
  classesTotal: number;
  items: number;
  elapsedMs: number;
}

export interface ExportJobOptions {
  store: StateStore;
  district: LoadedDistrict;
  job: ExportJobSpec;
  mode: 'plan' | 'run';
  full?: boolean;
  now: Date;
  connections?: ConnectionOptions;
  onProgress?: (progress: ExportProgress) => void;
  /** Receives one event per finished run (the audit log). */
  audit?: AuditSink;
}

async function activeClasses(iterable: AsyncIterable<OneRosterClass>): Promise<OneRosterClass[]> {
  const classes: OneRosterClass[] = [];
  for await (const sisClass of iterable) if (sisClass.status !== 'tobedeleted') classes.push(sisClass);
  return classes;
}

export async function runExportJob(options: ExportJobOptions): Promise<ExportSummary> {
  const { store, district, job } = options;
  const name = district.config.metadata.name;
  if (!district.config.spec.dataExchange.gradeExport) {
    throw new SislinkError('APPLY_REFUSED', `${name}: spec.dataExchange.gradeExport is off; turn it on to export grades`);
  }
  const started = Date.now();
  const lock = options.mode === 'run' ? await store.acquireLock(`${name}/export/${job.name}`, { purpose: `export ${job.name}` }) : undefined;
  const connections = await openJobConnections(store, district, options.connections);
  const runId = randomUUID();
  const tally = createTally(name, job.name, options.mode);
  const checkpoints = createCheckpointWriter(store, name, job.name);
  try {
    if (options.mode === 'run') await store.startRun({ id: runId, district: name, kind: `export:${job.name}`, startedAt: options.now.toISOString() });
    const settings: ExportSettings = {
      district: name,
      job: job.name,
      namespace: districtNamespace(district.config.metadata.domain),
      version: connections.link.oneRosterVersion === '1.1' ? '1.1' : '1.2',
      defaultCategory: job.defaultCategory,
      includeDraftGrades: job.includeDraftGrades,
      full: options.full ?? false,
      dryRun: options.mode === 'plan',
    };
    const classes = await activeClasses(connections.oneRoster.classes());
    const classConcurrency = job.concurrency ?? DEFAULT_CLASS_CONCURRENCY;
    const writeConcurrency = writeConcurrencyFor(classConcurrency);
    const deps: ExportDeps = {
      oneRoster: connections.oneRoster,
      classroom: connections.classroom,
      store,
      checkpoints,
      limiter: createLimiter(writeConcurrency),
      concurrency: writeConcurrency,
      now: () => new Date().toISOString(),
      termPeriods: new Map(),
      sisFields: { refused: false },
      marks: await loadClassMarks(store, name, job.name, classes.map((sisClass) => sisClass.sourcedId)),
    };
    const findCourse = createCourseFinder(connections.classroom, connections.oneRoster, job.mapping);
    let classesDone = 0;
    await mapConcurrent(classes, classConcurrency, async (sisClass) => {
      try {
        const match = await findCourse(sisClass);
        tally.classSeen(match?.by ?? 'none');
        if (match === undefined) {
          tally.unmapped({ reason: 'no-course', classId: sisClass.sourcedId, item: sisClass.sourcedId, detail: `no Classroom course with alias ${job.mapping.aliasPrefix}${sisClass.sourcedId}` });
          return;
        }
        if (match.by === 'teacher-email-title') {
          tally.unmapped({ reason: 'course-by-fallback', classId: sisClass.sourcedId, item: match.course.id, detail: `matched "${match.course.name}" by teacher email and title` });
        }
        await exportClass(deps, settings, sisClass, match.course, tally);
      } catch (error) {
        if (error instanceof SislinkError && error.code === 'AUTH_FAILED') throw error;
        tally.failed({ kind: 'class', id: sisClass.sourcedId, classId: sisClass.sourcedId, error: error instanceof Error ? error.message : String(error) });
      } finally {
        classesDone += 1;
        options.onProgress?.({ classesDone, classesTotal: classes.length, items: tally.itemsDone(), elapsedMs: Date.now() - started });
      }
    });
    await checkpoints.flush();
    const summary = tally.summary();
    summary.requests = { oneRoster: connections.oneRoster.stats().http.requests, classroom: connections.classroom.stats().http.requests };
    summary.durationMs = Date.now() - started;
    if (options.mode === 'run') {
      const outcome = summary.failed > 0 ? 'failed' : 'succeeded';
      await store.finishRun(runId, outcome, { ...summary, failures: summary.failures.slice(0, 20) }, new Date().toISOString());
      await options.audit?.append({
        event: 'job.finish', district: name, configFile: district.source.file, action: 'grade-export', address: `export.${name}[${JSON.stringify(job.name)}]`, outcome,
        details: { runId, written: summary.written, deleted: summary.deleted, unchanged: summary.unchanged, failed: summary.failed },
      });
    }
    return summary;
  } catch (error) {
    // Keep the checkpoints of the classes that finished; the run's own error is the one reported.
    await checkpoints.flush().catch(() => undefined);
    if (options.mode === 'run') await store.finishRun(runId, 'failed', { error: error instanceof Error ? error.message : String(error) }, new Date().toISOString());
    throw error;
  } finally {
    await connections.close();
    await lock?.release();
  }
}

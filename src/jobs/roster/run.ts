/**
 * The roster-import job: read the SIS (desired), read Classroom by alias (observed), plan, check
 * the safety rails, apply. `planRoster` only reads; `applyRoster` is the one that writes, under
 * the job's lock, journaled, and records a run.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { LoadedDistrict, RosterImportSpec } from '../../config/types.js';
import type { AuditSink } from '../../reconcile/context.js';
import { SislinkError } from '../../errors.js';
import type { StateStore } from '../../state/types.js';
import { openJobConnections, type ConnectionOptions, type JobConnections } from '../connection.js';
import { applyRosterPlan, DEFAULT_COURSE_CONCURRENCY, type RosterApplyProgress } from './apply.js';
import { observeRoster } from './observe.js';
import { planRosterActions } from './planner.js';
import { readDesired } from './read-sis.js';
import {
  classroomCallTotals, minimumClassroomCalls, plannedCounts, summariseIssues, type RosterReport,
} from './report.js';
import { checkSafety, DEFAULT_SAFETY_LIMITS, describeRefusal, type RosterBaseline, type SafetyCheck, type SafetyLimits } from './safety.js';
import { localDay } from './terms.js';
import type { RosterDesired, RosterObserved, RosterPlan } from './types.js';

export interface RosterRunOptions {
  now: Date;
  connections?: ConnectionOptions;
  /** Apply even when the safety rails would refuse (`--allow-mass-removal`). */
  allowMassRemoval?: boolean;
  safetyLimits?: Partial<SafetyLimits>;
  onProgress?: (progress: RosterApplyProgress) => void;
  lockTimeoutMs?: number;
  /** Receives one event per apply that got past planning (the audit log). */
  audit?: AuditSink;
}

/**
 * The audit line of one apply: counts only (no names or emails of students), the outcome, and
 * whether --allow-mass-removal overrode the safety rails.
 */
async function auditRosterRun(options: RosterRunOptions, district: LoadedDistrict, job: RosterImportSpec, report: RosterReport, details: Record<string, unknown>): Promise<void> {
  const name = district.config.metadata.name;
  const { total: planned, ...plannedByKind } = report.planned;
  const applied = report.applied;
  await options.audit?.append({
    event: 'job.finish', district: name, configFile: district.source.file, action: 'roster-import', address: `roster.${name}[${JSON.stringify(job.name)}]`,
    outcome: report.outcome,
    details: {
      ...details, planned, plannedByKind,
      ...(applied === undefined ? {} : { applied: applied.applied, alreadyDone: applied.alreadyDone, failed: applied.failed, skipped: applied.skipped, usersNotFound: applied.notFoundUsers }),
    },
  });
}

export interface RosterPlanResult {
  report: RosterReport;
  plan: RosterPlan;
  desired: RosterDesired;
  observed: RosterObserved;
}

/** The district's roster job, or a clear error when it is not configured or not enabled. */
export function rosterJobOf(district: LoadedDistrict): RosterImportSpec {
  const { metadata, spec } = district.config;
  if (spec.rosterImport === undefined) throw new SislinkError('NOT_FOUND', `${metadata.name}: no roster import job (spec.rosterImport) in ${district.source.file}`);
  if (!spec.dataExchange.rosterImport) throw new SislinkError('APPLY_REFUSED', `${metadata.name}: spec.dataExchange.rosterImport is off; turn it on to import rosters`);
  return spec.rosterImport;
}

export function baselineKey(job: string): string {
  return `roster:${job}:baseline`;
}

/** The safety rails' verdict on a plan: the job's limits, against what the last apply saw. */
export async function rosterSafety(store: StateStore, district: LoadedDistrict, plan: RosterPlan, overrides: Partial<SafetyLimits> = {}): Promise<SafetyCheck> {
  const job = rosterJobOf(district);
  const baseline = await store.getValue<RosterBaseline>(district.config.metadata.name, baselineKey(job.name));
  const configured = { maxCourseShare: job.safety.maxCourseShare, maxTotalShare: job.safety.maxDistrictShare, minRemovals: job.safety.minRemovals };
  return checkSafety(plan, baseline, { ...DEFAULT_SAFETY_LIMITS, ...configured, ...overrides });
}

function planHashOf(plan: RosterPlan): string {
  const hash = createHash('sha256');
  for (const action of plan.actions) {
    const target = 'email' in action ? action.email : action.kind === 'update-course' ? JSON.stringify(action.changes) : '';
    hash.update(`${action.kind} ${action.alias} ${target}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

async function planWith(connections: JobConnections, district: LoadedDistrict, job: RosterImportSpec, options: RosterRunOptions, mode: RosterReport['mode']): Promise<RosterPlanResult> {
  const started = Date.now();
  const today = localDay(options.now, district.config.metadata.timezone);
  const { desired, read } = await readDesired(connections.oneRoster, { aliasPrefix: job.mapping.aliasPrefix, selector: job.selector, today });
  const fallback = job.mapping.rule === 'teacher-email-title' || job.mapping.allowFallback ? { aliasPrefix: job.mapping.aliasPrefix } : undefined;
  const observed = await observeRoster(connections.classroom, desired, { includeEnded: job.archiveEndedTerms, concurrency: (job.concurrency ?? DEFAULT_COURSE_CONCURRENCY) * 4, fallback });
  const plan = planRosterActions(desired, observed, { removeUnenrolled: job.removeUnenrolled, archiveEndedTerms: job.archiveEndedTerms, adoptFallbackMatches: job.adoptFallbackMatches });
  const current = new Set(desired.courses.map((course) => course.classId));
  const listed = [...observed.courses.values()].filter((course) => course.state !== 'ARCHIVED' && current.has(course.classId)).length;
  const calls = classroomCallTotals(connections.classroom.stats());
  const lookups = desired.courses.length + (job.archiveEndedTerms ? desired.ended.length : 0) + (observed.fallbackLookups ?? 0);
  const report: RosterReport = {
    district: district.config.metadata.name, job: job.name, mode,
    outcome: plan.actions.length === 0 ? 'no-changes' : 'planned',
    today, terms: desired.terms, sis: read,
    desired: { courses: desired.courses.length, members: plan.desiredMembers },
    observed: { courses: observed.courses.size, byFallback: plan.byFallback, members: plan.observedMembers },
    planned: plannedCounts(plan), unchanged: plan.unchanged, interruptedSettled: 0,
    issues: summariseIssues(plan.issues),
    requests: {
      oneRoster: connections.oneRoster.stats().http.requests, classroom: calls.calls, classroomTotal: calls.total,
      classroomMinimum: minimumClassroomCalls(lookups, listed, 0), classroomRetries: calls.retries,
    },
    durationMs: Date.now() - started,
  };
  return { report, plan, desired, observed };
}

/** Reads both sides and plans; writes nothing. For `sislink roster plan` and `sislink plan`. */
export async function planRoster(store: StateStore, district: LoadedDistrict, options: RosterRunOptions): Promise<RosterPlanResult> {
  const job = rosterJobOf(district);
  const connections = await openJobConnections(store, district, options.connections);
  try {
    return await planWith(connections, district, job, options, 'plan');
  } finally {
    await connections.close();
  }
}

async function settleInterrupted(store: StateStore, district: string, job: string): Promise<number> {
  const prefix = `roster:${job}:`;
  const open = (await store.unfinishedJournal(district)).filter((entry) => entry.actionId.startsWith(prefix));
  for (const entry of open) {
    await store.journalOutcome(entry.id, { status: 'failed', error: 'interrupted: the run stopped before this step finished; re-planned from Classroom' });
  }
  return open.length;
}

/** Plans and applies under the job's lock. A refusal by the safety rails changes nothing. */
export async function applyRoster(store: StateStore, district: LoadedDistrict, options: RosterRunOptions): Promise<RosterReport> {
  const job = rosterJobOf(district);
  const name = district.config.metadata.name;
  const started = Date.now();
  const lock = await store.acquireLock(`${name}/roster/${job.name}`, { purpose: `roster apply ${job.name}`, timeoutMs: options.lockTimeoutMs });
  const runId = randomUUID();
  let connections: JobConnections | undefined;
  try {
    const interrupted = await settleInterrupted(store, name, job.name);
    connections = await openJobConnections(store, district, options.connections);
    const { report, plan } = await planWith(connections, district, job, options, 'apply');
    report.interruptedSettled = interrupted;
    const safety = await rosterSafety(store, district, plan, options.safetyLimits);
    if (!safety.ok && options.allowMassRemoval !== true) {
      report.outcome = 'refused';
      report.refused = { message: describeRefusal(safety), violations: safety.violations };
      report.durationMs = Date.now() - started;
      await auditRosterRun(options, district, job, report, { violations: safety.violations.length });
      return report;
    }
    await store.startRun({ id: runId, district: name, kind: `roster:${job.name}`, startedAt: options.now.toISOString() });
    const applied = await applyRosterPlan({
      classroom: connections.classroom, store, district: name, job: job.name, runId, planHash: planHashOf(plan),
      courseConcurrency: job.concurrency, onProgress: options.onProgress,
    }, plan);
    report.applied = applied;
    report.outcome = plan.actions.length === 0 ? 'no-changes' : applied.failed > 0 ? 'partial' : 'applied';
    const calls = classroomCallTotals(connections.classroom.stats());
    report.requests = {
      ...report.requests, oneRoster: connections.oneRoster.stats().http.requests, classroom: calls.calls, classroomTotal: calls.total,
      classroomMinimum: report.requests.classroomMinimum + plan.actions.length, classroomRetries: calls.retries,
    };
    report.durationMs = Date.now() - started;
    if (plan.desiredMembers > 0) await store.setValue(name, baselineKey(job.name), { courses: report.desired.courses, members: plan.desiredMembers } satisfies RosterBaseline);
    const { issues: _issues, ...summary } = report;
    await store.finishRun(runId, applied.failed > 0 ? 'failed' : 'succeeded', { ...summary, applied: { ...applied, failures: applied.failures.slice(0, 20), notFoundSample: [] } }, new Date().toISOString());
    await auditRosterRun(options, district, job, report, { runId, ...(safety.ok ? {} : { massRemovalAllowed: true, violations: safety.violations.length }) });
    return report;
  } catch (error) {
    await store.finishRun(runId, 'failed', { error: error instanceof Error ? error.message : String(error) }, new Date().toISOString()).catch(() => undefined);
    throw error;
  } finally {
    await connections?.close();
    await lock.release();
  }
}

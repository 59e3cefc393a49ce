/** Text views of a roster plan and of a run's report (the JSON view is the report itself). */
import { groupByCourse } from './apply.js';
import type { RosterReport } from './report.js';
import type { RosterPlanResult } from './run.js';
import type { FieldChange, RosterAction } from './types.js';

const COURSES_SHOWN = 30;
const MEMBERS_SHOWN = 8;

function shown(value: string | undefined): string {
  if (value === undefined) return '-';
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

function changeText(change: FieldChange): string {
  return `${change.field} ${shown(change.before)} -> ${shown(change.after)}`;
}

function actionLine(action: RosterAction): string {
  switch (action.kind) {
    case 'create-course': return `+ create course "${action.fields.name}" (section ${action.fields.section ?? '-'}, room ${action.fields.room ?? '-'}) owner ${action.owner}`;
    case 'update-course': return `~ update course ${action.courseId}: ${action.changes.map(changeText).join(', ')}`;
    case 'add-teacher': return `+ teacher ${action.email}`;
    case 'add-student': return `+ student ${action.email}`;
    case 'remove-teacher': return `- teacher ${action.email}`;
    case 'remove-student': return `- student ${action.email}`;
    case 'archive-course': return `~ archive course ${action.courseId} (its terms have ended)`;
    case 'add-alias': return `+ alias ${action.alias} on course ${action.courseId} ${shown(action.courseName)} (adopted: from the next run its fields follow the SIS)`;
  }
}

/** The planned changes as counts only (no names or emails): fit for a pull request comment. */
export function rosterCountsText(report: RosterReport): string {
  const p = report.planned;
  const adopt = p['add-alias'] > 0 ? `${p['add-alias']} to adopt (alias added), ` : '';
  return `${p['create-course']} to create, ${p['update-course']} to update, ${adopt}${p['add-teacher']} teacher and ${p['add-student']} student adds, ` +
    `${p['remove-teacher']} teacher and ${p['remove-student']} student removals, ${p['archive-course']} to archive; ${report.unchanged} courses unchanged`;
}

function header(report: RosterReport): string[] {
  const terms = report.terms.map((term) => term.title).join(', ') || 'none';
  return [
    `${report.district} / ${report.job}: roster import (${report.mode}), today ${report.today}, current terms: ${terms}`,
    `  SIS: ${report.desired.courses} classes with ${report.desired.members} members; Classroom: ${classroomFound(report)}`,
  ];
}

function classroomFound(report: RosterReport): string {
  const { courses, byFallback } = report.observed;
  if (byFallback === 0) return `${courses} courses found by alias`;
  return `${courses - byFallback} courses found by alias, ${byFallback} by teacher email + title (fallback)`;
}

function issueLines(report: RosterReport): string[] {
  const lines = Object.entries(report.issues.counts).map(([kind, count]) => `  note (${kind}): ${count}`);
  for (const issue of report.issues.sample.slice(0, 5)) lines.push(`    ${issue.classId}: ${issue.detail}`);
  return lines;
}

export function renderRosterPlanText(result: RosterPlanResult): string {
  const { report, plan } = result;
  const lines = header(report);
  if (plan.actions.length === 0) {
    lines.push('  No changes. Classroom matches the SIS roster.');
  } else {
    lines.push(`  Plan: ${rosterCountsText(report)}`);
    const groups = groupByCourse(plan.actions);
    for (const group of groups.slice(0, COURSES_SHOWN)) {
      const found = result.observed.courses.get(group.classId);
      const via = found?.matchedBy === 'teacher-email-title' ? ` (no alias: course ${found.courseId} "${found.fields.name}" matched by teacher email + title)` : '';
      lines.push(`  course ${group.alias}${via}`);
      for (const action of group.actions.slice(0, MEMBERS_SHOWN)) lines.push(`    ${actionLine(action)}`);
      if (group.actions.length > MEMBERS_SHOWN) lines.push(`    ... and ${group.actions.length - MEMBERS_SHOWN} more`);
    }
    if (groups.length > COURSES_SHOWN) lines.push(`  ... and ${groups.length - COURSES_SHOWN} more courses`);
  }
  lines.push(...issueLines(report));
  return `${lines.join('\n')}\n`;
}

export function renderRosterReportText(report: RosterReport): string {
  const lines = header(report);
  lines.push(`  planned: ${rosterCountsText(report)}`);
  if (report.refused !== undefined) lines.push(...report.refused.message.split('\n').map((line) => `  ${line}`));
  if (report.applied !== undefined) {
    const a = report.applied;
    const done = Object.values(a.applied).reduce((sum, n) => sum + n, 0);
    lines.push(`  applied: ${done} (${a.applied['create-course']} courses created, ${a.alreadyDone} already done), failed ${a.failed}, skipped ${a.skipped}, users not found ${a.notFoundUsers}`);
    for (const user of a.notFoundSample.slice(0, 10)) lines.push(`    not in the domain: ${user.role} ${user.email} (class ${user.classId})`);
    for (const failure of a.failures.slice(0, 10)) lines.push(`    FAILED ${failure.kind} ${failure.alias} ${failure.target}: ${failure.error}`);
  }
  const r = report.requests;
  lines.push(`  Classroom calls: ${r.classroomTotal} (minimum ${r.classroomMinimum}, retries ${r.classroomRetries}); outcome: ${report.outcome}`);
  lines.push(...issueLines(report));
  return `${lines.join('\n')}\n`;
}

/** The roster-import job's public surface. */
export { applyRosterPlan, groupByCourse, type RosterApplyDeps, type RosterApplyProgress, type RosterWrites } from './apply.js';
export { buildDesired, inSelector, type DesiredInput, type DesiredOptions } from './desired.js';
export { matchByTeacherAndTitle, type FallbackOptions, type FallbackReads, type FallbackResult } from './fallback.js';
export { courseFieldsOf, diffCourseFields, patchOf } from './fields.js';
export { observeRoster, type ObserveOptions, type ObserveReads } from './observe.js';
export { planRosterActions, rosterPlanHasChanges } from './planner.js';
export { readDesired, type SisRosterCounts } from './read-sis.js';
export { renderRosterPlanText, renderRosterReportText, rosterCountsText } from './render.js';
export { minimumClassroomCalls, type RosterOutcome, type RosterReport } from './report.js';
export { applyRoster, baselineKey, planRoster, rosterJobOf, rosterSafety, type RosterPlanResult, type RosterRunOptions } from './run.js';
export { checkSafety, DEFAULT_SAFETY_LIMITS, describeRefusal, type RosterBaseline, type SafetyCheck, type SafetyLimits, type SafetyViolation } from './safety.js';
export type { ApplyCounts, NotFoundUser, RosterFailure } from './tally.js';
export { classTermStatus, localDay, sessionStatus, type TermStatus } from './terms.js';
export type * from './types.js';
export { ACTION_KINDS, OWNED_FIELDS } from './types.js';
export { reconcileRoster, rosterEnabled, rosterPlanSection, type RosterPlanSection } from './integrate.js';

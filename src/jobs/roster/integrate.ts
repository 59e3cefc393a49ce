/**
 * Hooks for the link-level commands: the roster section of `sislink plan`, and the roster step of
 * `reconcile`. Both skip quietly when the district has no enabled roster import, and say why when
 * the job cannot run yet (no applied link), instead of failing the whole plan.
 */
import type { LoadedDistrict } from '../../config/types.js';
import { isSislinkError } from '../../errors.js';
import type { StateStore } from '../../state/types.js';
import { renderRosterPlanText } from './render.js';
import type { RosterReport } from './report.js';
import { applyRoster, planRoster, type RosterPlanResult, type RosterRunOptions } from './run.js';

export function rosterEnabled(district: LoadedDistrict): boolean {
  return district.config.spec.rosterImport !== undefined && district.config.spec.dataExchange.rosterImport;
}

export interface RosterPlanSection {
  /** Text to print under the district's link plan. */
  text: string;
  hasChanges: boolean;
  result?: RosterPlanResult;
}

/** For `sislink plan`: undefined when the district has no enabled roster import. */
export async function rosterPlanSection(store: StateStore, district: LoadedDistrict, options: RosterRunOptions): Promise<RosterPlanSection | undefined> {
  if (!rosterEnabled(district)) return undefined;
  const name = district.config.metadata.name;
  try {
    const result = await planRoster(store, district, options);
    return { text: renderRosterPlanText(result), hasChanges: result.plan.actions.length > 0, result };
  } catch (error) {
    if (isSislinkError(error, 'APPLY_REFUSED')) return { text: `${name}: roster import not planned: ${error.message}\n`, hasChanges: false };
    throw error;
  }
}

/** For `reconcile`: runs the roster import after the link converged; undefined when not enabled. */
export async function reconcileRoster(store: StateStore, district: LoadedDistrict, options: RosterRunOptions): Promise<RosterReport | undefined> {
  if (!rosterEnabled(district)) return undefined;
  return applyRoster(store, district, options);
}

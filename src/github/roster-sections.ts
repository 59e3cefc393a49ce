/**
 * The roster import's part of a pull request comment: what the district's roster import would
 * change with this pull request's settings, as counts only, and whether the safety rails would
 * refuse it. A comment is visible to everyone who can read the repository, so no student or
 * teacher is named in it. Districts whose Classroom settings or SIS host changed on the pull
 * request are not planned: their service account and link are used only after the merge.
 */
import type { LoadedDistrict } from '../config/types.js';
import { isSislinkError } from '../errors.js';
import { planRoster, rosterCountsText, rosterEnabled, rosterSafety } from '../jobs/roster/index.js';
import type { ReconcileContext } from '../reconcile/context.js';

export interface RosterCommentSection {
  district: string;
  job: string;
  /** One line: the counts, or why nothing was planned. */
  text: string;
  /** Member removals the import would make. */
  removals: number;
}

export async function planRosterSections(
  context: ReconcileContext,
  districts: readonly LoadedDistrict[],
  withheld: ReadonlyMap<string, string>,
): Promise<RosterCommentSection[]> {
  const sections: RosterCommentSection[] = [];
  for (const district of districts) {
    const job = district.config.spec.rosterImport;
    if (job === undefined || !rosterEnabled(district)) continue;
    const name = district.config.metadata.name;
    const reason = withheld.get(name);
    if (reason !== undefined) {
      sections.push({ district: name, job: job.name, text: `not planned: ${reason}; it is planned after the change is merged`, removals: 0 });
      continue;
    }
    try {
      const { report, plan } = await planRoster(context.store, district, { now: context.now });
      const removals = report.planned['remove-student'] + report.planned['remove-teacher'];
      const safety = await rosterSafety(context.store, district, plan);
      const refused = safety.ok ? '' : `. An apply would be refused by the safety rails (${safety.violations.length} limit(s) exceeded); it would need --allow-mass-removal`;
      sections.push({ district: name, job: job.name, text: `${rosterCountsText(report)}${refused}`, removals });
    } catch (error) {
      if (!isSislinkError(error)) throw error;
      sections.push({ district: name, job: job.name, text: `not planned: ${error.code}: ${error.message}`, removals: 0 });
    }
  }
  return sections;
}

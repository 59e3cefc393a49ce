/**
 * The pull request comment for a plan: a summary table (changes, warnings, pending manual steps,
 * rotation dates), the details folded per district, and a hidden hash of the full plan.
 */
import type { LoadedDistrict } from '../config/types.js';
import { summarise, summaryLine } from '../plan/plan.js';
import { renderDistrictMarkdown } from '../plan/render-markdown.js';
import type { DistrictPlan, Plan } from '../plan/types.js';
import { CREDENTIALS_WITHHELD } from './guard.js';
import type { RosterCommentSection } from './roster-sections.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function rotationDates(loaded: LoadedDistrict | undefined): string {
  if (loaded === undefined) return '–';
  const records = loaded.config.spec.credentials.records;
  if (records.length === 0) return '–';
  return records.map((record) => cell(`${record.name}: ${record.effective} → ${record.expiration ?? 'no expiration'}`)).join('<br>');
}

function row(district: DistrictPlan, loaded: LoadedDistrict | undefined): string {
  const summary = summarise([district]);
  const changes = summary.create + summary.update + summary.delete + summary.verify + summary.manual;
  const state = district.errors.length > 0 ? ` (${district.errors.length} error${district.errors.length === 1 ? '' : 's'})` : '';
  return `| ${cell(district.district)}${state} | ${changes} | ${district.warnings.length} | ${summary.pending} | ${rotationDates(loaded)} |`;
}

function withheldNotes(plan: Plan): string[] {
  const notes = plan.districts.flatMap((district) =>
    district.warnings.filter((warning) => warning.code === CREDENTIALS_WITHHELD).map((warning) => `> **${cell(district.district)}**: ${cell(warning.message)}`),
  );
  return notes.length === 0 ? [] : ['> [!WARNING]', ...notes, ''];
}

export interface CommentBodyOptions {
  /** Districts as loaded, by name, for their access records. */
  loaded: ReadonlyMap<string, LoadedDistrict>;
  /** Head commit the plan was made for. */
  sha?: string;
  /** Roster imports with this pull request's settings, as counts. */
  rosters?: readonly RosterCommentSection[];
}

function rosterLines(rosters: readonly RosterCommentSection[]): string[] {
  if (rosters.length === 0) return [];
  const lines = rosters.map((roster) => {
    const removals = roster.removals > 0 ? ` **${roster.removals} member removal${roster.removals === 1 ? '' : 's'}.**` : '';
    return `- **${cell(roster.district)}** / ${cell(roster.job)}: ${cell(roster.text)}${removals}`;
  });
  return ['#### Roster imports', '', 'What each roster import would change with this pull request\'s settings (counts only):', '', ...lines, ''];
}

export function renderPlanComment(plan: Plan, options: CommentBodyOptions): string {
  const failed = plan.districts.some((district) => district.errors.length > 0);
  return [
    `### sislink plan${failed ? ' (errors)' : ''}`,
    '',
    `${summaryLine(summarise(plan.districts))}${options.sha === undefined ? '' : ` Commit ${options.sha.slice(0, 12)}.`}`,
    '',
    ...withheldNotes(plan),
    '| district | changes | warnings | pending manual steps | rotation dates |',
    '|---|---|---|---|---|',
    ...plan.districts.map((district) => row(district, options.loaded.get(district.district))),
    '',
    ...plan.districts.map((district) => `${renderDistrictMarkdown(district)}\n`),
    ...rosterLines(options.rosters ?? []),
    `<!-- sislink-plan-hash: ${plan.hash} -->`,
    '',
  ].join('\n');
}

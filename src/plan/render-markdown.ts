import type { DistrictPlan, Plan } from './types.js';
import { showValue } from './fields.js';
import { summarise, summaryLine } from './plan.js';
import { renderDistrictText } from './render-text.js';
import { districtHasChanges } from './types.js';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function districtRow(district: DistrictPlan): string {
  const summary = summarise([district]);
  const changes = summary.create + summary.update + summary.delete + summary.verify + summary.manual;
  return `| ${escapeCell(district.district)} | ${district.target} | ${changes} | ${district.warnings.length} | ${summary.pending} | ${district.errors.length} |`;
}

export function renderDistrictMarkdown(district: DistrictPlan): string {
  const state = district.errors.length > 0 ? 'error' : districtHasChanges(district) ? 'changes' : 'no changes';
  const changed = district.actions.flatMap((action) => (action.kind === 'update' ? action.changes : []));
  const table = changed.length === 0
    ? ''
    : ['', '| field | actual | desired |', '|---|---|---|', ...changed.map((change) => `| ${change.field} | ${escapeCell(showValue(change.before))} | ${escapeCell(showValue(change.after))} |`), ''].join('\n');
  return [
    `<details><summary><b>${escapeCell(district.district)}</b>: ${state}</summary>`,
    table,
    '```diff',
    renderDistrictText(district),
    '```',
    '</details>',
  ].join('\n');
}

export function renderPlanMarkdown(plan: Plan): string {
  return [
    '### sislink plan',
    '',
    summaryLine(summarise(plan.districts)),
    '',
    '| district | target | changes | warnings | pending manual steps | errors |',
    '|---|---|---|---|---|---|',
    ...plan.districts.map(districtRow),
    '',
    ...plan.districts.map(renderDistrictMarkdown),
    '',
    `<!-- sislink-plan-hash: ${plan.hash} -->`,
    '',
  ].join('\n');
}

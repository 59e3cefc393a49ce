import type { Plan } from './types.js';
import { renderPlanText } from './render-text.js';
import { renderPlanMarkdown } from './render-markdown.js';

export type PlanFormat = 'text' | 'markdown' | 'json';

export function renderPlan(plan: Plan, format: PlanFormat): string {
  if (format === 'json') return `${JSON.stringify(plan, null, 2)}\n`;
  if (format === 'markdown') return renderPlanMarkdown(plan);
  return renderPlanText(plan);
}

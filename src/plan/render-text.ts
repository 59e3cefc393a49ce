import { createTwoFilesPatch } from 'diff';
import type { DistrictPlan, FieldValue, Fields, Plan, PlanAction, RotateAction } from './types.js';
import { showValue } from './fields.js';
import { summarise, summaryLine } from './plan.js';

const SYMBOL: Record<PlanAction['kind'], string> = { create: '+', update: '~', delete: '-', 'no-op': ' ', verify: '?', manual: '!', rotate: '*' };

function fieldLines(fields: Fields): string {
  return Object.keys(fields)
    .map((field) => `${field}: ${showValue(fields[field] as FieldValue)}`)
    .join('\n')
    .concat('\n');
}

function renderRotate(head: string, action: RotateAction): string[] {
  const window = `effective ${action.effective ?? '-'}, expires ${action.expiration ?? 'never'}`;
  const facts = [`key ${action.key}`, window, `provider ${action.provider}`];
  if (action.secretRef !== null) facts.push(`secret ${action.secretRef}`);
  if (action.deadline !== null) facts.push(`due by ${action.deadline}`);
  return [
    `${head}${action.pending ? ' (waiting for a person)' : ''}`,
    `      ${facts.join('; ')}`,
    ...action.instructions.map((line, index) => `        ${index + 1}. ${line}`),
  ];
}

function renderAction(action: PlanAction): string[] {
  const head = `  ${SYMBOL[action.kind]} ${action.kind === 'rotate' ? `rotate ${action.step}` : action.kind} ${action.address}: ${action.reason}`;
  switch (action.kind) {
    case 'create':
      return [head, ...fieldLines(action.after).trimEnd().split('\n').map((line) => `      + ${line}`)];
    case 'update': {
      const patch = createTwoFilesPatch(`${action.address} (actual)`, `${action.address} (desired)`, fieldLines(action.before), fieldLines(action.after), undefined, undefined, { context: 0 });
      const body = patch.split('\n').filter((line) => line !== '' && !line.startsWith('====='));
      return [head, ...body.map((line) => `      ${line}`)];
    }
    case 'delete':
      return [head, ...fieldLines(action.before).trimEnd().split('\n').map((line) => `      - ${line}`)];
    case 'verify':
      return [head, `      record ${JSON.stringify(action.record)}, key ${action.key}, secret ${showValue(action.secret)}`];
    case 'manual':
      return [
        `${head}${action.pending ? ' (pending attestation)' : ''}`,
        `      step ${action.stepId}: ${action.title}`,
        ...action.instructions.map((line, index) => `        ${index + 1}. ${line}`),
        ...Object.entries(action.values).map(([field, value]) => `        ${field}: ${value}`),
      ];
    case 'rotate':
      return renderRotate(head, action);
    case 'no-op':
      return [head];
  }
}

export function renderDistrictText(district: DistrictPlan): string {
  const lines = [`district ${district.district} (${district.file}, ${district.target})`];
  for (const error of district.errors) lines.push(`  error ${error.code}: ${error.message}`);
  for (const warning of district.warnings) lines.push(`  warning ${warning.code}: ${warning.message}`);
  for (const action of district.actions) lines.push(...renderAction(action));
  return lines.join('\n');
}

export function renderPlanText(plan: Plan): string {
  const sections = plan.districts.map(renderDistrictText);
  sections.push(summaryLine(summarise(plan.districts)));
  sections.push(`plan hash ${plan.hash.slice(0, 16)} (clock ${plan.now})`);
  return `${sections.join('\n\n')}\n`;
}

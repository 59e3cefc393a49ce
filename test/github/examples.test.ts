import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const read = (path: string) => parse(readFileSync(new URL(path, root), 'utf8')) as Record<string, unknown>;

interface Step { uses?: string; with?: Record<string, string>; run?: string; env?: Record<string, string> }
const steps = (workflow: Record<string, unknown>) =>
  Object.values(workflow.jobs as Record<string, { steps: Step[] }>).flatMap((job) => job.steps);

describe('action and example workflows', () => {
  it('action.yml is a composite action on Node 20 that installs with npm ci and runs sislink', () => {
    const action = read('action.yml') as { runs: { using: string; steps: Step[] }; inputs: Record<string, unknown> };
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['command', 'paths', 'state']));
    expect(action.runs.steps.find((step) => step.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe('20');
    const scripts = action.runs.steps.map((step) => step.run ?? '').join('\n');
    expect(scripts).toContain('npm ci');
    expect(scripts).toContain('bin/sislink.js');
    // Inputs reach the script through the environment, never by expression substitution.
    expect(scripts).not.toContain('${{');
  });

  it('the example workflows run the intended commands', () => {
    const commands = (file: string) => steps(read(`examples/github/${file}`)).map((step) => step.with?.command).filter(Boolean);
    expect(commands('plan-on-pull-request.yml')).toEqual(['github comment']);
    expect(commands('apply-on-push.yml')).toEqual(['apply --auto-approve']);
    expect(commands('nightly-reconcile.yml')).toEqual(['reconcile --format json', 'github issue']);
    const nightly = steps(read('examples/github/nightly-reconcile.yml'));
    expect(nightly.find((step) => step.with?.command === 'github issue')?.with?.args).toBe('--from reconcile-report.json');
    expect((read('examples/github/plan-on-pull-request.yml').on as Record<string, unknown>).pull_request).toBeDefined();
  });
});

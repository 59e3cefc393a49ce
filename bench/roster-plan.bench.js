// Roster import at district scale: 2,000 SIS classes / 50,000 student enrollments. Each step runs
// in its own process (peak RSS is that process's own) against the sandbox in another process:
//   pure      the planner alone on a synthetic roster (from empty, and in steady state)
//   plan      SIS bulk reads + Classroom lookups by alias + planning, Classroom empty
//   apply     the same, then every create/add (no client-side quota), Classroom calls vs minimum
//   re-plan   after the apply: only reads, nothing planned
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SCALE = { schools: 40, classes: 2000, students: 10000 };
const NOW = '2026-09-01T12:00:00Z';

function firstLine(child, what) {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${what} exited with code ${code}`)));
  });
}

async function startSandbox() {
  const child = spawn(process.execPath, [join(here, 'lib', 'roster-sandbox-child.js')], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ROSTER_SANDBOX: JSON.stringify({ ...SCALE, now: NOW }) },
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const target = JSON.parse(await firstLine(child, 'the sandbox'));
  return { target, close: async () => { child.kill('SIGTERM'); await exited; } };
}

async function step(mode, args, target) {
  const child = spawn(process.execPath, [join(here, 'lib', 'roster-plan-child.js'), mode, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ROSTER_TARGET: JSON.stringify({ ...target, today: NOW.slice(0, 10) }) },
  });
  return JSON.parse(await firstLine(child, `the ${mode} step`));
}

const ms = (value) => (value === undefined ? '' : Math.round(value));
const ratio = (made, minimum) => (minimum > 0 ? (made / minimum).toFixed(3) : '');

export async function run() {
  const pure = await step('pure', ['2000', '25']);
  const sandbox = await startSandbox();
  let plan;
  let apply;
  let replan;
  try {
    plan = await step('plan', [], sandbox.target);
    apply = await step('apply', [], sandbox.target);
    replan = await step('plan', [], sandbox.target);
  } finally {
    await sandbox.close();
  }
  const rows = [
    { step: 'pure plan, empty Classroom', classes: pure.classes, enrollments: pure.enrollments, actions: pure.actions, ms: ms(pure.emptyMs), peakRssMb: pure.peakRssMb, classroomCalls: '', minimumCalls: '', ratio: '' },
    { step: 'pure plan, in sync', classes: pure.classes, enrollments: pure.enrollments, actions: pure.steadyActions, ms: ms(pure.steadyMs), peakRssMb: pure.peakRssMb, classroomCalls: '', minimumCalls: '', ratio: '' },
    { step: 'read + observe + plan', classes: plan.classes, enrollments: plan.enrollments, actions: plan.actions, ms: ms(plan.planMs), peakRssMb: plan.peakRssMb, classroomCalls: plan.observeCalls, minimumCalls: plan.observeMinimum, ratio: ratio(plan.observeCalls, plan.observeMinimum) },
    { step: 'apply from empty', classes: apply.classes, enrollments: apply.enrollments, actions: apply.actions, ms: ms(apply.planMs + apply.applyMs), peakRssMb: apply.peakRssMb, classroomCalls: apply.totalCalls, minimumCalls: apply.totalMinimum, ratio: ratio(apply.totalCalls, apply.totalMinimum) },
    { step: 're-plan after apply', classes: replan.classes, enrollments: replan.enrollments, actions: replan.actions, ms: ms(replan.planMs), peakRssMb: replan.peakRssMb, classroomCalls: replan.observeCalls, minimumCalls: replan.observeMinimum, ratio: ratio(replan.observeCalls, replan.observeMinimum) },
  ];
  const ok = apply.failed === 0 && replan.actions === 0 && apply.totalCalls === apply.totalMinimum;
  const summary = [
    `SIS: ${plan.sisClasses} classes read (${plan.classes} in the current term), ${plan.oneRosterRequests} OneRoster requests (bulk paged reads).`,
    `Apply from empty: ${apply.actions} writes, ${apply.failed} failed, ${apply.totalCalls} Classroom calls for a minimum of ${apply.totalMinimum}.`,
    'At Classroom\'s real per-user quota (1,200 calls/min) the same apply takes about ' +
      `${Math.ceil(apply.totalCalls / 1200)} minutes; the client's limiter keeps it under the quota.`,
  ].join('\n');
  return { name: 'roster-plan', rows, summary, ok, scale: SCALE };
}

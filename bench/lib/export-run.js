// One export run (the CLI body, JSON summary) in this process, with its wall and CPU time.
import { performance } from 'node:perf_hooks';
import { runExport } from '../../dist/src/commands/export.js';
import { NOW, STATE } from './export-env.js';

/**
 * `classroomRateLimit: false`: the sandbox is not Google. With the default limiter the Classroom
 * reads would be held to Classroom's quota (~1,200 requests/min per impersonated user), which
 * bounds a run by the quota, not by the exporter.
 */
export async function exportOnce(repo, { mode = 'run', full = false } = {}) {
  let out = '';
  const began = performance.now();
  const cpu = process.cpuUsage();
  const code = await runExport({
    paths: ['districts'], mode, full, state: STATE, now: NOW, cwd: repo.dir, format: 'json',
    connections: { classroomRateLimit: false },
    write: (text) => (out += text),
  });
  const used = process.cpuUsage(cpu);
  const summary = JSON.parse(out);
  if (code !== 0) throw new Error(`export ${mode} exited ${code}: ${summary.failed} failed, e.g. ${JSON.stringify(summary.failures?.slice(0, 3))}`);
  return { summary, wallMs: performance.now() - began, cpuMs: (used.user + used.system) / 1000 };
}

export function resultsWritten(summary) {
  return summary.written.resultsCreated + summary.written.resultsUpdated;
}

export function writesOf(summary) {
  const w = summary.written;
  return w.lineItemsCreated + w.lineItemsUpdated + w.resultsCreated + w.resultsUpdated + summary.deleted;
}

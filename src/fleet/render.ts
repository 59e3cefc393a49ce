/** Text view of `fleet status`; the JSON view is the FleetStatus object itself. */
import type { DistrictStatus, FleetStatus, RunView, WorkerView } from './status.js';

function label(kind: string, job: string): string {
  return kind === 'reconcile' ? kind : `${kind}:${job}`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(seconds / 3600);
  return hours < 48 ? `${hours}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m` : `${Math.floor(hours / 24)}d`;
}

function lastRun(run: RunView | null): string {
  if (run === null) return 'never';
  const end = run.finishedAt === null ? 'running' : `ended ${run.finishedAt}`;
  return `${label(run.kind, run.job)} ${run.outcome} (started ${run.startedAt}, ${end})`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

function districtRow(district: DistrictStatus): string[] {
  const next = district.next === null ? '-' : `${label(district.next.kind, district.next.job)} ${district.next.at}`;
  const name = district.inFiles ? district.district : `${district.district} (no file)`;
  return [name, lastRun(district.lastRun), next, duration(district.lagSeconds)];
}

export function renderFleetStatus(status: FleetStatus): string {
  const lines: string[] = [];
  const live = status.workers.filter((worker) => worker.stoppedAt === null && !worker.silent);
  lines.push(`fleet at ${status.now}: ${live.length} worker(s) running, ${status.districts.length} district(s)`);
  const queue = Object.entries(status.queue).map(([state, count]) => `${state} ${count}`).join(', ');
  lines.push(`queue: ${queue === '' ? 'empty' : queue}`);
  for (const worker of status.workers) {
    lines.push(`  worker ${worker.id} on ${worker.host} (pid ${worker.pid}, ${worker.concurrency} slots): ${workerState(worker)}`);
  }
  lines.push('');
  lines.push(table([['DISTRICT', 'LAST RUN', 'NEXT', 'LAG'], ...status.districts.map(districtRow)]));
  const notes = [
    ...status.districts.flatMap((district) => district.notes.map((note) => `  ${district.district}: ${note}`)),
    ...status.files.map((file) => `  ${file.file}: ${file.note}`),
  ];
  if (notes.length > 0) lines.push('', 'notes:', ...notes);
  const failures = status.districts.flatMap((district) => district.failures.map((failure) => ({ district: district.district, failure })));
  if (failures.length > 0) {
    lines.push('', 'failed runs:');
    for (const { district, failure } of failures) {
      const state = failure.final ? 'failed for good' : 'will retry';
      lines.push(`  ${district} ${label(failure.kind, failure.job)} tick ${failure.tick} attempt ${failure.attempt}/${failure.maxAttempts} on ${failure.worker} (${failure.outcome}, ${state}): ${failure.error ?? 'no error text'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function workerState(worker: WorkerView): string {
  if (worker.stoppedAt !== null) return `stopped ${worker.stoppedAt}`;
  if (worker.silent) return `silent since ${worker.seenAt} (missed three heartbeats; taken as gone, its notes are not shown)`;
  return `seen ${worker.seenAt}`;
}

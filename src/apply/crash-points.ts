/**
 * Crash points for resilience tests: when SISLINK_CRASH_AFTER_JOURNAL=N, the process kills itself
 * with SIGKILL right after its N-th journal write, the harshest stop a scheduler or an OOM killer
 * can cause. Tests use it to prove that the next run finishes the work without repeating it.
 */
let journalWrites = 0;

export function afterJournalWrite(): void {
  journalWrites += 1;
  const limit = Number(process.env.SISLINK_CRASH_AFTER_JOURNAL ?? '');
  if (Number.isInteger(limit) && limit > 0 && journalWrites === limit) process.kill(process.pid, 'SIGKILL');
}

/** What the data-exchange job commands (`export`, `roster`) share: their options and JSON output. */
import type { ConnectionOptions } from '../jobs/connection.js';

export interface JobCommandOptions {
  paths: string[];
  state: string;
  now: Date;
  cwd?: string;
  format?: 'text' | 'json';
  connections?: ConnectionOptions;
  write?: (text: string) => void;
  progress?: (text: string) => void;
}

/** One report as an object, several as an array. */
export function writeJsonReports(write: (text: string) => void, reports: readonly unknown[]): void {
  write(`${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`);
}

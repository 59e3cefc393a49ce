/** Global flags shared by every subcommand, read once in the preAction hook. */
import type { Command } from 'commander';
import { SislinkError } from '../src/errors.js';

export interface GlobalOptions {
  /** State store URL: a SQLite path/`sqlite:` URL or `postgres://...`. */
  state: string;
  /** The clock used for every date decision. */
  now: Date;
  logLevel: string;
}

export const DEFAULT_STATE_URL = 'sqlite:.sislink/state.db';

export function parseNow(value: string | undefined): Date {
  if (value === undefined || value === '') return new Date();
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new SislinkError('USAGE', `--now: "${value}" is not an ISO-8601 date or date-time`);
  }
  return date;
}

/** Reads global options from the root program (options defined there, with env fallbacks). */
export function globalOptions(command: Command): GlobalOptions {
  let root = command;
  while (root.parent) root = root.parent;
  const raw = root.opts<{ state?: string; now?: string; logLevel?: string }>();
  return {
    state: raw.state ?? DEFAULT_STATE_URL,
    now: parseNow(raw.now),
    logLevel: raw.logLevel ?? 'warn',
  };
}

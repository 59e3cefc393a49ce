/** Sandbox options, named data sizes and the documented demo defaults. */
import { SislinkError } from '../errors.js';

export type SandboxSize = 'tiny' | 'small' | 'medium' | 'large';

/** The subset of a pino logger the sandbox uses (pino's Logger satisfies it). */
export interface SandboxLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SandboxOptions {
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Seed for data and faults. Default 1. */
  seed?: number;
  /** Named data size. Default 'small'. Explicit counts below override it. */
  size?: SandboxSize;
  schools?: number;
  classes?: number;
  students?: number;
  /** E-mail domain of seeded users. Default 'sandbox.example.edu'. */
  domain?: string;
  /** School year (its ending year, e.g. 2026 for 2025-26). Default: the year containing the clock's date. */
  schoolYear?: number;
  /** Credentials of the built-in, always-valid access record. */
  clientId?: string;
  clientSecret?: string;
  /** false disables the built-in access record (only admin-created records then work). */
  builtinClient?: boolean;
  /** Bearer token of the admin API. */
  adminToken?: string;
  /** Lifetime of issued access tokens in seconds. Default 3600. */
  tokenTtlSeconds?: number;
  /** Largest page a listing returns (larger limits are clamped). Default 10000. */
  maxPageSize?: number;
  /** JSON file: loaded on start when it exists, written on close. */
  dataFile?: string;
  /** Fault spec, e.g. '429=0.05,503=0.03,500=0.01,drop=0.02,latency=20ms,tokenExpiry=0.1,retryAfter=1'. */
  faults?: string;
  /** Start with the clock at this date (it keeps running). */
  now?: Date;
  /** The Classroom API emulator under /classroom (on by default); `emptyClassroom` seeds users but no courses. */
  classroom?: false | { emptyClassroom?: boolean; courseWorkPerCourse?: number };
  logger?: SandboxLogger;
}

export const DEFAULT_CLIENT_ID = 'sandbox-client';
export const DEFAULT_CLIENT_SECRET = 'sandbox-secret';
export const DEFAULT_ADMIN_TOKEN = 'sandbox-admin';
export const DEFAULT_DOMAIN = 'sandbox.example.edu';

export interface SizeCounts {
  schools: number;
  classes: number;
  students: number;
}

export const SIZES: Record<SandboxSize, SizeCounts> = {
  tiny: { schools: 1, classes: 4, students: 40 },
  small: { schools: 3, classes: 30, students: 600 },
  medium: { schools: 10, classes: 300, students: 6_000 },
  // 49,500 students + 500 teachers (one per four classes) = 50,000 users.
  large: { schools: 40, classes: 2_000, students: 49_500 },
};

export interface ResolvedDataOptions extends SizeCounts {
  seed: number;
  domain: string;
  schoolYear: number;
}

/** The school year (ending year) that contains `date`: years turn over on 1 August. */
export function schoolYearOf(date: Date): number {
  return date.getUTCMonth() >= 7 ? date.getUTCFullYear() + 1 : date.getUTCFullYear();
}

export function resolveDataOptions(options: SandboxOptions, now: Date): ResolvedDataOptions {
  const base = SIZES[options.size ?? 'small'] as SizeCounts | undefined;
  if (!base) throw new SislinkError('USAGE', `sandbox size must be one of ${Object.keys(SIZES).join(', ')}, got "${String(options.size)}"`);
  const schools = positive('schools', options.schools ?? base.schools);
  const classes = Math.max(schools, positive('classes', options.classes ?? base.classes));
  return {
    seed: options.seed ?? 1,
    domain: options.domain ?? DEFAULT_DOMAIN,
    schoolYear: options.schoolYear ?? schoolYearOf(now),
    schools,
    classes,
    students: nonNegative('students', options.students ?? base.students),
  };
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new SislinkError('USAGE', `sandbox ${name} must be a positive integer, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new SislinkError('USAGE', `sandbox ${name} must be a non-negative integer, got ${value}`);
  return value;
}

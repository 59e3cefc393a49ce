/**
 * `sislink sandbox`: starts the sandbox, prints one JSON "ready" line on stdout, logs to stderr, and
 * stops cleanly on SIGINT/SIGTERM (writing --data first).
 */
import { SislinkError } from '../errors.js';
import { getLogger } from '../log.js';
import { startSandbox, type SandboxHandle } from './index.js';
import { DEFAULT_ADMIN_TOKEN, DEFAULT_CLIENT_SECRET, SIZES, type SandboxOptions, type SandboxSize } from './options.js';

export interface SandboxCliOptions {
  host?: string;
  port?: string;
  seed?: string;
  size?: string;
  schools?: string;
  classes?: string;
  students?: string;
  domain?: string;
  schoolYear?: string;
  clientId?: string;
  clientSecret?: string;
  adminToken?: string;
  builtinClient?: boolean;
  tokenTtl?: string;
  data?: string;
  faults?: string;
  /** Global --now: where the sandbox clock starts. */
  now?: Date;
}

function integer(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new SislinkError('USAGE', `--${flag}: expected an integer >= ${min}, got "${value}"`);
  return n;
}

export function toSandboxOptions(cli: SandboxCliOptions): SandboxOptions {
  if (cli.size !== undefined && !(cli.size in SIZES)) throw new SislinkError('USAGE', `--size: expected one of ${Object.keys(SIZES).join(', ')}`);
  const options: SandboxOptions = {
    host: cli.host, port: integer('port', cli.port, 0), seed: integer('seed', cli.seed, 0), size: cli.size as SandboxSize | undefined,
    schools: integer('schools', cli.schools, 1), classes: integer('classes', cli.classes, 1), students: integer('students', cli.students, 0),
    domain: cli.domain, schoolYear: integer('school-year', cli.schoolYear, 1900), clientId: cli.clientId, clientSecret: cli.clientSecret,
    adminToken: cli.adminToken, builtinClient: cli.builtinClient, tokenTtlSeconds: integer('token-ttl', cli.tokenTtl, 1),
    dataFile: cli.data, faults: cli.faults, now: cli.now,
  };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as SandboxOptions;
}

/** Resolves on the first SIGINT/SIGTERM; the handlers stay until `release` so a second signal cannot kill the close. */
function trapSignals(): { signal: Promise<NodeJS.Signals>; release(): void } {
  let notify: (signal: NodeJS.Signals) => void = () => undefined;
  const signal = new Promise<NodeJS.Signals>((resolve) => (notify = resolve));
  const handler = (received: NodeJS.Signals) => notify(received);
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal,
    release() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

export async function runSandboxCommand(cli: SandboxCliOptions): Promise<number> {
  const logger = getLogger();
  const signals = trapSignals();
  try {
    const handle = await startSandbox({ ...toSandboxOptions(cli), logger });
    process.stdout.write(`${JSON.stringify(readyLine(handle))}\n`);
    const signal = await signals.signal;
    logger.info({ signal }, 'sandbox stopping');
    await handle.close();
    return 0;
  } finally {
    signals.release();
  }
}

/** The one stdout line: URLs and the client id; secrets only when they are the documented demo values. */
export function readyLine(handle: SandboxHandle): Record<string, string> {
  const ready: Record<string, string> = {
    url: handle.url, oneRoster11Url: handle.oneRoster11Url, rostering12Url: handle.rostering12Url, gradebook12Url: handle.gradebook12Url,
    resources12Url: handle.resources12Url, tokenUrl: handle.tokenUrl, adminUrl: handle.adminUrl, clientId: handle.clientId,
  };
  if (handle.clientSecret === DEFAULT_CLIENT_SECRET) ready.clientSecret = handle.clientSecret;
  if (handle.adminToken === DEFAULT_ADMIN_TOKEN) ready.adminToken = handle.adminToken;
  return ready;
}

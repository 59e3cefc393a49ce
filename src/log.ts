/**
 * Structured logging to stderr with pino. Redaction happens twice: by key (pino's `redact` paths for
 * fields that are secret by name) and by value (every serialised line is scrubbed of registered
 * secrets before it reaches the stream). The plan and command results go to stdout, never here.
 */
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { redact } from './secrets/redact.js';

export type { Logger };

const SECRET_KEY_PATHS = [
  'secret', '*.secret', 'password', '*.password', 'token', '*.token', 'accessToken', '*.accessToken',
  'access_token', '*.access_token', 'clientSecret', '*.clientSecret', 'client_secret', '*.client_secret',
  'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization',
  'headers["x-vendor-authorization"]', 'privateKey', '*.privateKey', 'private_key', '*.private_key',
];

export interface LogSink {
  write(line: string): void;
}

export function createLogger(options: { level?: LevelWithSilent; sink?: LogSink; name?: string } = {}): Logger {
  const sink = options.sink ?? { write: (line: string) => void process.stderr.write(line) };
  const scrubbing = { write: (line: string) => sink.write(redact(line)) };
  return pino(
    {
      name: options.name ?? 'sislink',
      level: options.level ?? 'info',
      redact: { paths: SECRET_KEY_PATHS, censor: '[REDACTED]' },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    scrubbing,
  );
}

let shared: Logger | undefined;

/** The process-wide logger, configured once by the CLI's preAction hook. */
export function getLogger(): Logger {
  shared ??= createLogger({ level: 'warn' });
  return shared;
}

export function setLogger(logger: Logger): void {
  shared = logger;
}

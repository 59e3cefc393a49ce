/**
 * `exec:COMMAND`: hands generated secrets to the district's own secret manager (a Vault,
 * 1Password or cloud CLI) by running COMMAND without a shell.
 *
 * Contract of the command:
 * - environment: SISLINK_SECRET_OP (`put` or `get`) and SISLINK_SECRET_NAME (sanitised name);
 *   the secret is never in argv or the environment;
 * - put: the secret arrives on stdin (no trailing newline); exit 0 when stored (the same value
 *   again must succeed), non-zero otherwise (e.g. a different value already stored); the first
 *   stdout line is the reference that reads the secret back (e.g. `file:...`), unless the store
 *   was opened with a `referencePattern`;
 * - get: stdin is empty; exit 0 with the value on stdout (one trailing newline trimmed), or empty
 *   stdout when nothing is stored; non-zero on failure.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { SislinkError } from '../../errors.js';
import { redact, registerSecret } from '../redact.js';
import { parseSecretRef } from '../refs.js';
import type { SecretStoreContext, WritableSecretStore } from './types.js';
import { sanitiseSecretName } from './names.js';
import { splitCommand } from './argv.js';
import { storeFailed } from './errors.js';

const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_STDOUT = 1024 * 1024;
const MAX_STDERR = 16 * 1024;

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function openExecStore(command: string, context: SecretStoreContext): WritableSecretStore {
  const argv = splitCommand(command);
  if ('error' in argv) throw new SislinkError('CONFIG_INVALID', `exec: secret store: ${argv.error}`);
  const configDir = path.dirname(path.resolve(context.configFile));
  const [program = '', ...args] = argv;
  // Messages name the program only: arguments may carry a manager's own token.
  const spec = `exec:${path.basename(program)}`;
  // A relative program path (./scripts/store.sh) is relative to the district file, like file: references.
  const executable = program.includes('/') && !path.isAbsolute(program) ? path.resolve(configDir, program) : program;

  async function run(op: 'put' | 'get', name: string, input: string): Promise<RunResult> {
    return runCommand(executable, args, {
      cwd: configDir,
      env: { ...process.env, SISLINK_SECRET_OP: op, SISLINK_SECRET_NAME: name },
      input,
      timeoutMs: context.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
  }

  function failure(name: string, result: RunResult, value: string | undefined): SislinkError {
    const how = result.signal === null ? `exited with code ${String(result.code)}` : `was stopped by ${result.signal}`;
    const tail = scrub(result.stderr, value).trim().split('\n').slice(-3).join(' | ').slice(0, 500);
    return storeFailed(spec, name, `the command ${how}${tail === '' ? '' : `: ${tail}`}`);
  }

  return {
    spec,
    async put(name: string, value: string): Promise<string> {
      const secretName = sanitiseSecretName(name);
      if (typeof value !== 'string' || value === '') throw storeFailed(spec, secretName, 'the value is empty');
      registerSecret(value);
      const result = await run('put', secretName, value).catch((error: unknown) => {
        throw storeFailed(spec, secretName, `the command could not start (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      });
      if (result.code !== 0) throw failure(secretName, result, value);
      if (context.referencePattern !== undefined) return checkedReference(spec, secretName, context.referencePattern.replaceAll('{name}', secretName), value);
      const firstLine = result.stdout.split(/\r?\n/, 1)[0]?.trim() ?? '';
      return checkedReference(spec, secretName, firstLine, value);
    },
    async get(name: string): Promise<string | undefined> {
      const secretName = sanitiseSecretName(name);
      const result = await run('get', secretName, '').catch((error: unknown) => {
        throw storeFailed(spec, secretName, `the command could not start (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      });
      const value = result.stdout.replace(/\r?\n$/, '');
      if (value !== '') registerSecret(value);
      if (result.code !== 0) throw failure(secretName, result, value);
      return value === '' ? undefined : value;
    },
  };
}

/** The reference must parse, and must not be (or contain) the secret: a command that echoes stdin is a leak. */
function checkedReference(spec: string, name: string, ref: string, value: string): string {
  if (ref === '') throw storeFailed(spec, name, 'the command printed no reference on its first stdout line');
  if (ref.includes(value)) throw storeFailed(spec, name, 'the command printed the secret itself instead of a reference');
  const parsed = parseSecretRef(ref);
  if ('error' in parsed) throw storeFailed(spec, name, `the command's reference is not valid (${parsed.error})`);
  return ref;
}

function scrub(text: string, value: string | undefined): string {
  const scrubbed = redact(text);
  return value === undefined || value === '' ? scrubbed : scrubbed.split(value).join('[REDACTED]');
}

function runCommand(
  executable: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input: string; timeoutMs: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, { cwd: options.cwd, env: options.env, shell: false, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_STDOUT) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-MAX_STDERR);
    });
    // The command may exit without reading stdin; that is its answer, not our error.
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input, 'utf8');
  });
}

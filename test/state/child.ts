/** Runs TypeScript scripts in a child node process, and talks to them line by line. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REGISTER = fileURLToPath(new URL('./ts-register.mjs', import.meta.url));

export interface Child {
  process: ChildProcess;
  pid: number;
  /** Resolves with the next stdout line. */
  nextLine(): Promise<string>;
  send(line: string): void;
  exited: Promise<number | null>;
  stderr(): string;
}

export function spawnTs(script: string, args: string[]): Child {
  const child = spawn(process.execPath, ['--import', REGISTER, script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  let errors = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    process: child,
    pid: child.pid!,
    nextLine: () => {
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line);
      return new Promise((resolve, reject) => {
        waiters.push(resolve);
        void exited.then((code) => reject(new Error(`child exited (${code}) before writing a line: ${errors}`)));
      });
    },
    send: (line) => void child.stdin?.write(`${line}\n`),
    exited,
    stderr: () => errors,
  };
}

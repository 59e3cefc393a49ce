import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { requestToken } from './helpers.js';

describe('sislink sandbox (built CLI)', () => {
  it('prints one JSON ready line, serves requests, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--size', 'tiny', '--seed', '9'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('close', () => reject(new Error(`sandbox exited before it was ready: ${stderr}`)));
      });
      const ready = JSON.parse(first) as Record<string, string>;
      expect(Object.keys(ready).sort()).toEqual(
        ['adminToken', 'adminUrl', 'clientId', 'clientSecret', 'gradebook12Url', 'oneRoster11Url', 'resources12Url', 'rostering12Url', 'tokenUrl', 'url'].sort(),
      );
      expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(ready.rostering12Url).toBe(`${ready.url}/ims/oneroster/rostering/v1p2`);
      const token = await requestToken({ tokenUrl: ready.tokenUrl!, clientId: ready.clientId!, clientSecret: ready.clientSecret! } as never);
      expect(token.status).toBe(200);
      let more = '';
      child.stdout.on('data', (chunk: Buffer) => (more += chunk.toString()));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(more).toBe('');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('never prints a secret it was given', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--size', 'tiny'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SISLINK_SANDBOX_CLIENT_SECRET: 'my-private-secret-1', SISLINK_SANDBOX_ADMIN_TOKEN: 'my-admin-token-1' },
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
      expect(first).not.toContain('my-private-secret-1');
      expect(first).not.toContain('my-admin-token-1');
      expect(JSON.parse(first).clientSecret).toBeUndefined();
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('fails with one line for a bad fault spec', async () => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--size', 'tiny', '--faults', 'teapot=1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^sislink: error: --faults: unknown fault "teapot"/);
  });
});

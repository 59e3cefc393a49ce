import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

describe('sislink demo (the Quick start command)', () => {
  it('runs validate, plan, apply, plan, export twice and audit verify against an in-process sandbox', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sislink-demo-test-'));
    try {
      const result = await runCli(['demo', '--dir', dir]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      for (const step of [1, 2, 3, 4, 5, 6, 7]) expect(result.stdout).toContain(`=== step ${step}/7`);
      expect(result.stdout).toMatch(/wrote: \d+ lineItems \(\d+ created\), [1-9]\d* results/);
      expect(result.stdout).toContain('wrote: 0 lineItems (0 created), 0 results (0 created)');
      expect(result.stdout).toMatch(/audit log OK: \d+ events/);
      const secret = await readFile(join(dir, 'secrets', 'sis-secret'), 'utf8');
      expect(result.stdout).not.toContain(secret);
      const key = JSON.parse(await readFile(join(dir, 'secrets', 'classroom-service-account.json'), 'utf8')) as { private_key: string };
      expect(result.stdout).not.toContain(key.private_key.split('\n')[1]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

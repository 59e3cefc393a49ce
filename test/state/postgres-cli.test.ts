/** `sislink state show` against PostgreSQL through the built CLI (run `npm run build` first). */
import { describe, expect, it } from 'vitest';
import { openStateStore } from '../../src/state/open.js';
import { freePort } from '../helpers/postgres.js';
import { freshPostgresUrl } from '../helpers/postgres-url.js';
import { runCli } from '../helpers/cli.js';
import { sampleLink } from './fixtures.js';

describe('sislink --state postgres://', () => {
  it('shows the store and its districts, never the password', async () => {
    const url = await freshPostgresUrl();
    const password = new URL(url).password;
    const store = await openStateStore(url);
    await store.putLink(sampleLink('d1'));
    await store.close();
    const result = await runCli(['--state', url, 'state', 'show', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const shown = JSON.parse(result.stdout) as { state: string; districts: Array<{ district: string }> };
    expect(shown.districts.map((entry) => entry.district)).toEqual(['d1']);
    expect(shown.state).toMatch(/^postgres:\/\/sislink_test@127\.0\.0\.1:\d+\//);
    expect(result.stdout).not.toContain(password);
  });

  it('fails with a state error, not a stack trace, when the server is unreachable', async () => {
    const port = await freePort();
    const password = 'cli-Unreachable-secret-42';
    const result = await runCli(['state', 'show'], { env: { SISLINK_STATE: `postgresql://u:${password}@127.0.0.1:${port}/x` } });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/ECONNREFUSED/);
    expect(result.stderr).toContain(`127.0.0.1:${port}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(`${result.stdout}${result.stderr}`).not.toContain(password);
  });
});

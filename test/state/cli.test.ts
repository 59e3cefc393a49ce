/** `sislink state show|unlock` through the built CLI (run `npm run build` first). */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStateStore } from '../../src/state/open.js';
import { runCli } from '../helpers/cli.js';
import { sampleLink, sampleStep } from './fixtures.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function seeded(): Promise<{ dir: string; token: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'sislink-state-cli-'));
  dirs.push(dir);
  const store = await openStateStore('sqlite:.sislink/state.db', { cwd: dir });
  await store.putLink(sampleLink('d1'));
  await store.putManualStep(sampleStep('d2', 'link-classroom-admin-3f2a9c'));
  await store.putManualStep({ ...sampleStep('d2', 'done-step'), attestedBy: 'alice', attestedAt: '2025-01-03T00:00:00.000Z' });
  // Held "by a live process": this test process, so no takeover applies.
  const handle = await store.acquireLock('d2', { purpose: 'apply' });
  await store.close();
  return { dir, token: handle.holder.token };
}

describe('sislink state', () => {
  it('shows links, locks and pending manual steps as text and JSON', async () => {
    const { dir, token } = await seeded();
    const text = await runCli(['state', 'show'], { cwd: dir, env: { SISLINK_STATE: undefined } });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('district d1');
    expect(text.stdout).toContain('secret env:SIS_SECRET (fingerprint hmac:3f2a9c01)');
    expect(text.stdout).toContain(`lock: held by pid ${process.pid} on host ${hostname()}`);
    expect(text.stdout).toContain('- link-classroom-admin-3f2a9c: Link Classroom to the SIS');
    expect(text.stdout).not.toContain('done-step');
    expect(text.stdout).not.toContain(token);
    const json = await runCli(['state', 'show', 'd2', '--format', 'json'], { cwd: dir });
    const parsed = JSON.parse(json.stdout) as { districts: Array<{ district: string; lock: unknown; pendingManualSteps: unknown[] }> };
    expect(parsed.districts.map((entry) => entry.district)).toEqual(['d2']);
    expect(parsed.districts[0]?.lock).toMatchObject({ pid: process.pid, purpose: 'apply' });
    expect(parsed.districts[0]?.pendingManualSteps).toHaveLength(1);
    expect(json.stdout).not.toContain(token);
  });

  it('unlocks a district, naming the removed holder and auditing it', async () => {
    const { dir } = await seeded();
    const result = await runCli(['--state', 'sqlite:.sislink/state.db', 'state', 'unlock', 'd2'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`removed the lock on district "d2" held by pid ${process.pid} on host ${hostname()}`);
    const again = await runCli(['state', 'unlock', 'd2'], { cwd: dir, env: { SISLINK_STATE: undefined } });
    expect(again.stdout).toBe('district "d2" is not locked\n');
    const audit = (await readFile(join(dir, '.sislink', 'audit.log'), 'utf8')).trim().split('\n');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!)).toMatchObject({ event: 'lock.forced', district: 'd2', details: { holder: { pid: process.pid } } });
    const verify = await runCli(['audit', 'verify'], { cwd: dir, env: { SISLINK_STATE: undefined } });
    expect(verify.stdout).toBe('audit log OK: 1 events\n');
  });

  it('does not create a state store just to show it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sislink-state-cli-'));
    dirs.push(dir);
    const result = await runCli(['state', 'show'], { cwd: dir, env: { SISLINK_STATE: undefined } });
    expect(result.stdout).toContain('no state store');
    await expect(readFile(join(dir, '.sislink', 'state.db'))).rejects.toThrow();
  });
});

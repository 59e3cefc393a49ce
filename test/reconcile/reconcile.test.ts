import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { runCli } from '../helpers/cli.js';
import { districtYaml, makeDistrictRepo, type DistrictRepo } from '../helpers/district-repo.js';

const SECRET = 'canary-reconcile-7f3a9c2e1d';
let sandbox: SandboxHandle;
let repo: DistrictRepo;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, size: 'tiny', clientSecret: SECRET });
});
afterAll(async () => sandbox.close());
beforeEach(async () => {
  repo = await makeDistrictRepo(SECRET);
  sandbox.reset();
});
afterEach(async () => repo.cleanup());

function district(overrides: Partial<Parameters<typeof districtYaml>[0]> = {}): string {
  return districtYaml({ name: 'maple', baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, key: sandbox.clientId, ...overrides });
}

const NOW = ['--now', '2026-09-01T12:00:00Z'];
const sislink = (...args: string[]) => runCli([...NOW, ...args], { cwd: repo.dir });

function builtInRecord() {
  const record = sandbox.accessRecords.findByKey(sandbox.clientId);
  if (record === undefined) throw new Error('sandbox has no built-in record');
  return record;
}

describe('plan and apply against the sandbox', () => {
  it('plans changes (exit 2), applies them, then plans nothing (exit 0)', async () => {
    await repo.write('maple', district());
    const before = await sislink('plan', 'districts', '--detailed-exitcode');
    expect(before.code).toBe(2);
    expect(before.stdout).toContain('+ create link.maple');
    const apply = await sislink('apply', 'districts', '--auto-approve');
    expect(apply.stdout).toContain('maple: applied (verified: no changes left)');
    expect(apply.code).toBe(0);
    const after = await sislink('plan', 'districts', '--detailed-exitcode');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('no-op link.maple');
  });

  it('refuses to apply without a terminal unless --auto-approve is given', async () => {
    await repo.write('maple', district());
    const result = await sislink('apply', 'districts');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--auto-approve');
    const plan = await sislink('plan', 'districts', '--detailed-exitcode');
    expect(plan.code).toBe(2);
  });

  it('applies a saved plan exactly, and refuses it as stale when the SIS changed in between', async () => {
    await repo.write('maple', district());
    expect((await sislink('plan', 'districts', '--out', 'plan.json')).code).toBe(0);
    builtInRecord().rejectTokens = true;
    const stale = await sislink('apply', 'plan.json');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('stale');
    expect(stale.stderr).not.toContain('    at ');
    builtInRecord().rejectTokens = false;
    const state = await sislink('state', 'show', '--format', 'json');
    expect(JSON.parse(state.stdout).links ?? []).toEqual([]);
    const applied = await sislink('apply', 'plan.json');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('maple: applied');
  });

  it('refuses a saved plan that was edited', async () => {
    await repo.write('maple', district());
    await sislink('plan', 'districts', '--out', 'plan.json');
    const path = join(repo.dir, 'plan.json');
    const text = await readFile(path, 'utf8');
    await import('node:fs/promises').then((fs) => fs.writeFile(path, text.replace('"consentSisSupport": false', '"consentSisSupport": true')));
    const result = await sislink('apply', 'plan.json');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('modified');
  });

  it('never switches the link to a credential that fails its test', async () => {
    await repo.write('maple', district());
    await sislink('apply', 'districts', '--auto-approve');
    builtInRecord().rejectTokens = true;
    await repo.write('maple', district({ consent: true }));
    const result = await sislink('apply', 'districts', '--auto-approve');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAILED verify');
  });

  it('reports drift separately from configuration changes', async () => {
    await repo.write('maple', district());
    await sislink('apply', 'districts', '--auto-approve');
    await repo.write('maple', district({ consent: true }));
    const config = await sislink('reconcile', 'districts', '--format', 'json');
    expect(config.code).toBe(0);
    expect(JSON.parse(config.stdout).districts[0].cause).toBe('config');
    builtInRecord().rejectTokens = true;
    const drift = await sislink('reconcile', 'districts', '--format', 'json');
    expect(JSON.parse(drift.stdout).districts[0].cause).toBe('drift');
    expect(drift.code).toBe(1);
  });

  it('unlinks only on enabled: false, never because a file was deleted', async () => {
    await repo.write('maple', district());
    await sislink('apply', 'districts', '--auto-approve');
    await repo.remove('maple');
    await repo.write('other', district({ name: 'other' }));
    const gone = await sislink('plan', 'districts', '--detailed-exitcode');
    expect(gone.stdout).toContain('UNLINK_NOT_IMPLIED');
    expect(gone.stdout).not.toContain('- delete link.maple');
    await repo.write('maple', district({ enabled: false }));
    const disabled = await sislink('plan', 'districts');
    expect(disabled.stdout).toContain('- delete link.maple');
    expect(disabled.stdout).toContain('DUPLICATE_GRADES_RISK');
  });

  it('hands out console steps for classroom-admin and clears them on attestation', async () => {
    await repo.write('cedar', district({ name: 'cedar', target: 'classroom-admin' }));
    const apply = await sislink('apply', 'districts', '--auto-approve');
    expect(apply.code).toBe(0);
    const pending = await sislink('plan', 'districts', '--detailed-exitcode');
    expect(pending.code).toBe(0);
    expect(pending.stdout).toContain('pending attestation');
    const stepId = /sislink attest cedar (\S+)\./.exec(pending.stdout)?.[1];
    expect(stepId).toBeDefined();
    // The apply's result says the step waits for a person, not that the link is done.
    expect(apply.stdout).toContain('cedar: applied (verified: no changes left; 1 manual step pending attestation)');
    expect(apply.stdout).toContain(`    handed out manual link.cedar: step ${stepId} waits for a person; once done: sislink attest cedar ${stepId}`);
    expect(apply.stdout).not.toContain('done manual');
    const handedOut = (await readFile(join(repo.dir, '.sislink', 'audit.log'), 'utf8')).split('\n').filter((line) => line.includes('"action.applied"') && line.includes('"manual"'));
    expect(handedOut).toHaveLength(1);
    expect(handedOut[0]).toContain('"outcome":"handed-out"');
    const attest = await sislink('attest', 'cedar', stepId ?? '', '--actor', 'it-admin');
    expect(attest.code).toBe(0);
    const after = await sislink('plan', 'districts', '--detailed-exitcode');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('no-op link.cedar');
    const audit = await readFile(join(repo.dir, '.sislink', 'audit.log'), 'utf8');
    expect(audit).toContain('"manual.attested"');
    expect((await sislink('audit', 'verify')).code).toBe(0);
  });

  it('sends the district domain in the User-Agent only with consent', async () => {
    await repo.write('maple', district({ consent: false }));
    await repo.write('birch', district({ name: 'birch', consent: true }));
    sandbox.clearRequests();
    await sislink('plan', 'districts');
    const agents = sandbox.requests().map((request) => request.userAgent);
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.some((agent) => agent.includes('birch.example.edu'))).toBe(true);
    expect(agents.some((agent) => agent.includes('maple.example.edu'))).toBe(false);
  });
});

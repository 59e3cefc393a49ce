/** A district repository with a rotation policy, pointed at an in-process sandbox. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { runReconcile } from '../../src/commands/reconcile.js';
import { openStateStore } from '../../src/state/open.js';
import type { ManualStep } from '../../src/state/types.js';
import { runAttest } from '../../src/commands/attest.js';
import { runCredentialsStatus } from '../../src/rotation/status-run.js';
import type { CredentialTester } from '../../src/providers/credential-test.js';

export interface RotationRepo {
  dir: string;
  state: string;
  file: string;
  cleanup(): Promise<void>;
}

export interface RotationYamlOptions {
  name?: string;
  target?: 'connector' | 'classroom-admin';
  provider?: 'sandbox-http' | 'manual';
  vendor?: string;
  sis?: string;
  record: { name: string; key: string; effective: string; expiration: string };
}

export function rotationYaml(sandbox: SandboxHandle, options: RotationYamlOptions): string {
  const provider = options.provider ?? 'sandbox-http';
  const sis = options.sis ?? `    baseUrl: ${sandbox.url}\n    oneRosterVersion: "1.2"\n    tokenUrl: ${sandbox.tokenUrl}`;
  return `apiVersion: sislink/v1
kind: SisLink
metadata:
  name: ${options.name ?? 'maple'}
  domain: ${options.name ?? 'maple'}.example.edu
  timezone: America/Chicago
spec:
  vendor: ${options.vendor ?? 'oneroster'}
  sis:
${sis}
  link:
    target: ${options.target ?? 'connector'}
    enabled: true
  consent:
    sisSupport: false
  credentials:
    records:
      - name: ${options.record.name}
        key: ${options.record.key}
        secret: file:../secrets/sis-secret
        effective: "${options.record.effective}"
        expiration: "${options.record.expiration}"
    rotation:
      rollover: "07-01"
      overlapDays: 30
      validityDays: 395
      namePattern: Google Classroom {schoolYear}
      key: GOOGLE
      provider: ${provider}
${provider === 'sandbox-http' ? `      providerUrl: ${sandbox.adminUrl}\n      providerToken: file:../secrets/admin-token\n` : ''}      secretStore: file:../secrets/rotation
      warningDays: 30
`;
}

async function admin(sandbox: SandboxHandle, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${sandbox.adminUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${sandbox.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Creates a record at the sandbox and returns its secret (shown once). */
export async function createSandboxRecord(sandbox: SandboxHandle, record: { name: string; key: string; effective: string; expiration: string }): Promise<string> {
  const created = await admin(sandbox, 'POST', '/access-records', { name: record.name, key: record.key, effectiveDate: record.effective, expirationDate: record.expiration });
  const id = (created.accessRecord as { id: string }).id;
  const generated = await admin(sandbox, 'POST', `/access-records/${id}/generate-secret`);
  return generated.secret as string;
}

export async function makeRotationRepo(sandbox: SandboxHandle, yaml: string, initialSecret: string): Promise<RotationRepo> {
  const dir = await mkdtemp(join(tmpdir(), 'sislink-rotation-'));
  await mkdir(join(dir, '.git'));
  await mkdir(join(dir, 'districts'));
  await mkdir(join(dir, 'secrets'), { mode: 0o700 });
  await writeFile(join(dir, 'secrets', 'sis-secret'), initialSecret, { mode: 0o600 });
  await writeFile(join(dir, 'secrets', 'admin-token'), sandbox.adminToken, { mode: 0o600 });
  const file = join(dir, 'districts', 'maple.yaml');
  await writeFile(file, yaml);
  return { dir, file, state: 'sqlite:.sislink/state.db', cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The link's record and whether the SIS's token endpoint accepts the link's credential today. */
export async function linkWorks(world: RotationWorld, district = 'maple'): Promise<{ record: string | null; works: boolean }> {
  const store = await openStateStore(world.repo.state, { cwd: world.repo.dir });
  try {
    const link = await store.getLink(district);
    if (link === undefined) return { record: null, works: false };
    const secret = await readFile(join(world.repo.dir, 'districts', link.secretRef.slice('file:'.length)), 'utf8');
    return { record: link.activeRecord, works: await tokenAccepted(world.sandbox, link.key, secret.trim()) };
  } finally {
    await store.close();
  }
}

/** A token request the way a SIS client makes it; true when the token endpoint accepts the credential. */
export async function tokenAccepted(sandbox: SandboxHandle, key: string, secret: string): Promise<boolean> {
  const basic = Buffer.from(`${encodeURIComponent(key)}:${encodeURIComponent(secret)}`).toString('base64');
  const response = await fetch(sandbox.tokenUrl, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly',
  });
  await response.text();
  return response.status === 200;
}

export async function reconcileAt(repo: RotationRepo, now: Date, testCredential?: CredentialTester): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await runReconcile({
    paths: ['districts'], cwd: repo.dir, state: repo.state, now, format: 'json',
    write: (text) => {
      output += text;
    },
    ...(testCredential === undefined ? {} : { testCredential }),
  });
  return { code, output };
}

export async function auditEvents(repo: RotationRepo): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(repo.dir, '.sislink', 'audit.log'), 'utf8');
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The rotation events of the audit log as `event outcome record` lines. */
export async function rotationStory(repo: RotationRepo): Promise<string[]> {
  return (await auditEvents(repo))
    .filter((event) => String(event.event).startsWith('rotation.'))
    .map((event) => `${String(event.event)} ${String(event.outcome)} ${(event.details as { record: string }).record}`);
}

/** The access record a district starts with: it expires at the first rollover. */
export const FIRST_RECORD = { name: 'Google Classroom 2026', key: 'GOOGLE2026', effective: '2025-06-01', expiration: '2026-07-01' };

export interface RotationWorld {
  sandbox: SandboxHandle;
  repo: RotationRepo;
}

/**
 * For the whole test file: a sandbox whose clock starts at `start`, holding FIRST_RECORD, and a
 * district repository using it. Both are there from beforeAll on and removed after the file.
 */
export function useRotationWorld(start: string, yaml: Omit<RotationYamlOptions, 'record'> = {}): RotationWorld {
  const world = {} as RotationWorld;
  beforeAll(async () => {
    world.sandbox = await startSandbox({ port: 0, size: 'tiny', now: new Date(start) });
    world.repo = await makeRotationRepo(
      world.sandbox,
      rotationYaml(world.sandbox, { ...yaml, record: FIRST_RECORD }),
      await createSandboxRecord(world.sandbox, FIRST_RECORD),
    );
  });
  afterAll(async () => {
    await world.sandbox.close();
    await world.repo.cleanup();
  });
  return world;
}

/** Moves the sandbox clock to `iso` and reconciles the repository at that time. */
export function reconcileOnClock(world: RotationWorld, iso: string): Promise<{ code: number; output: string }> {
  const now = new Date(iso);
  world.sandbox.setClock(now);
  return reconcileAt(world.repo, now);
}

/** Console steps handed out and not attested yet. */
export async function pendingSteps(world: RotationWorld, district = 'maple'): Promise<ManualStep[]> {
  const store = await openStateStore(world.repo.state, { cwd: world.repo.dir });
  try {
    return (await store.listManualSteps(district)).filter((step) => step.attestedAt === null);
  } finally {
    await store.close();
  }
}

/** A person attests every pending console step at `iso`. */
export async function attestAll(world: RotationWorld, iso: string, district = 'maple'): Promise<void> {
  for (const step of await pendingSteps(world, district)) {
    const code = await runAttest({ state: world.repo.state, now: new Date(iso), cwd: world.repo.dir, district, stepId: step.id, actor: 'it-admin', write: () => undefined });
    if (code !== 0) throw new Error(`attest ${step.id} exited ${code}`);
  }
}

/** `sislink credentials status` of the first district, at `iso`. */
export async function credentialsAt(world: RotationWorld, iso: string) {
  const report = await runCredentialsStatus({ paths: ['districts'], cwd: world.repo.dir, state: world.repo.state, now: new Date(iso), format: 'json', write: () => undefined });
  return report.districts[0];
}

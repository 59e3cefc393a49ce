/** Writes a small district repository pointed at a sandbox, as a district IT team would keep it. */
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DistrictOptions {
  name: string;
  baseUrl: string;
  tokenUrl: string;
  key: string;
  target?: 'connector' | 'classroom-admin';
  version?: '1.1' | '1.2';
  consent?: boolean;
  enabled?: boolean;
  effective?: string;
  expiration?: string;
  secretFile?: string;
  /** Adds spec.classroom (service account in secrets/sa.json) and data-exchange settings. */
  classroom?: { apiUrl: string; tokenUrl: string };
  gradeExport?: boolean;
  rosterImport?: boolean;
  /** Extra YAML appended under spec (already indented by two spaces), e.g. exports. */
  extraSpec?: string;
}

export function districtYaml(options: DistrictOptions): string {
  return `# yaml-language-server: $schema=../schemas/sislink-v1.schema.json
apiVersion: sislink/v1
kind: SisLink
metadata:
  name: ${options.name}
  domain: ${options.name}.example.edu
  timezone: America/Chicago
spec:
  vendor: oneroster
  sis:
    baseUrl: ${options.baseUrl}
    oneRosterVersion: "${options.version ?? '1.2'}"
    tokenUrl: ${options.tokenUrl}
  link:
    target: ${options.target ?? 'connector'}
    enabled: ${options.enabled ?? true}
  consent:
    sisSupport: ${options.consent ?? false}
  dataExchange:
    gradeExport: ${options.gradeExport ?? false}
    rosterImport: ${options.rosterImport ?? false}
  licensing:
    edition: education-plus
${options.classroom ? `  classroom:
    adminSubject: admin@${options.name}.example.edu
    serviceAccountKey: file:../secrets/sa.json
    apiUrl: ${options.classroom.apiUrl}
    tokenUrl: ${options.classroom.tokenUrl}
` : ''}  credentials:
    records:
      - name: Google Classroom 2026
        key: ${options.key}
        secret: file:../secrets/${options.secretFile ?? 'sis-secret'}
        effective: "${options.effective ?? '2026-07-01'}"
        expiration: "${options.expiration ?? '2027-08-15'}"
${options.extraSpec ?? ''}`;
}

/** What a district file needs to point at a sandbox (a SandboxHandle has all of it). */
export interface SandboxEndpoints {
  url: string;
  tokenUrl: string;
  clientId: string;
  classroomUrl?: string | undefined;
  classroomTokenUrl?: string | undefined;
}

/**
 * A district linked to the sandbox's SIS and Classroom emulator with the tests' grade-export job
 * (`grades`, default category Assignments) plus `jobLines` (e.g. a schedule), each already
 * indented as a key of the job. `baseUrl` replaces the SIS URL (a proxy in front of it).
 */
export function gradeExportDistrictYaml(name: string, sandbox: SandboxEndpoints, options: { baseUrl?: string; jobLines?: string[] } = {}): string {
  if (sandbox.classroomUrl === undefined || sandbox.classroomTokenUrl === undefined) throw new Error('the sandbox runs without its Classroom emulator');
  const job = ['    - name: grades', '      defaultCategory: Assignments', ...(options.jobLines ?? []).map((line) => `      ${line}`)];
  return districtYaml({
    name, baseUrl: options.baseUrl ?? sandbox.url, tokenUrl: sandbox.tokenUrl, key: sandbox.clientId,
    classroom: { apiUrl: sandbox.classroomUrl, tokenUrl: sandbox.classroomTokenUrl }, gradeExport: true,
    extraSpec: `  exports:\n${job.join('\n')}\n`,
  });
}

export interface DistrictRepo {
  dir: string;
  write(name: string, yaml: string): Promise<void>;
  remove(name: string): Promise<void>;
  cleanup(): Promise<void>;
}

export async function makeDistrictRepo(secret: string, serviceAccountKey?: unknown): Promise<DistrictRepo> {
  const dir = await mkdtemp(join(tmpdir(), 'sislink-repo-'));
  await mkdir(join(dir, '.git'));
  await mkdir(join(dir, 'districts'));
  await mkdir(join(dir, 'secrets'), { mode: 0o700 });
  await writeFile(join(dir, 'secrets', 'sis-secret'), secret, { mode: 0o600 });
  if (serviceAccountKey !== undefined) await writeFile(join(dir, 'secrets', 'sa.json'), JSON.stringify(serviceAccountKey), { mode: 0o600 });
  return {
    dir,
    write: (name, yaml) => writeFile(join(dir, 'districts', `${name}.yaml`), yaml),
    remove: (name) => rm(join(dir, 'districts', `${name}.yaml`)),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A sandbox with an empty Classroom, a district repository pointed at it, and the link applied. */
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { runApply } from '../../src/commands/apply.js';
import { districtYaml, makeDistrictRepo, type DistrictRepo } from '../helpers/district-repo.js';

export const SECRET = 'canary-roster-5d1e7a90c4';
export const NOW = new Date('2026-09-01T12:00:00Z');

export interface RosterWorld {
  sandbox: SandboxHandle;
  repo: DistrictRepo;
  state: string;
  close(): Promise<void>;
}

export interface RosterJobYaml {
  removeUnenrolled?: boolean;
  archiveEndedTerms?: boolean;
  concurrency?: number;
  selector?: string;
}

export function rosterYaml(sandbox: SandboxHandle, job: RosterJobYaml = {}): string {
  const extra = [
    '  rosterImport:',
    '    name: roster',
    `    removeUnenrolled: ${job.removeUnenrolled ?? true}`,
    `    archiveEndedTerms: ${job.archiveEndedTerms ?? false}`,
    ...(job.concurrency === undefined ? [] : [`    concurrency: ${job.concurrency}`]),
    ...(job.selector === undefined ? [] : [job.selector]),
    '',
  ].join('\n');
  return districtYaml({
    name: 'maple', baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, key: sandbox.clientId,
    classroom: { apiUrl: sandbox.classroomUrl, tokenUrl: sandbox.classroomTokenUrl }, rosterImport: true, extraSpec: extra,
  });
}

export async function makeRosterWorld(job: RosterJobYaml = {}, size: 'tiny' | 'small' = 'small'): Promise<RosterWorld> {
  const sandbox = await startSandbox({ port: 0, size, clientSecret: SECRET, now: NOW, classroom: { emptyClassroom: true } });
  const repo = await makeDistrictRepo(SECRET, sandbox.classroomServiceAccountKey);
  await repo.write('maple', rosterYaml(sandbox, job));
  const state = `sqlite:${repo.dir}/.sislink/state.db`;
  const code = await runApply({ targets: ['districts'], autoApprove: true, state, now: NOW, cwd: repo.dir, write: () => undefined });
  if (code !== 0) throw new Error(`link apply failed with exit code ${code}`);
  return {
    sandbox, repo, state,
    close: async () => {
      await sandbox.close();
      await repo.cleanup();
    },
  };
}

/** Sends an admin roster change to the SIS sandbox. */
export async function sisAdmin(sandbox: SandboxHandle, action: string, body: Record<string, unknown>): Promise<Response> {
  const response = await fetch(`${sandbox.adminUrl}/roster/${action}`, {
    method: 'POST', headers: { authorization: `Bearer ${sandbox.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`admin ${action}: ${response.status} ${await response.text()}`);
  return response;
}

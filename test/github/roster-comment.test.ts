/** The pull request comment shows what the roster import would change, as counts, and never uses a changed service account. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runApply } from '../../src/commands/apply.js';
import { runRoster } from '../../src/commands/roster.js';
import { postPlanComment } from '../../src/github/comment-run.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { expectedRoster, NOW, rosterYaml, SECRET, sisAdmin, studentEnrollments } from '../roster/helpers.js';
import { startFakeGitHub, startRecorder, type FakeGitHub } from './fake-github.js';
import { createTempRepo, type TempRepo } from './repo.js';

describe('github comment: roster imports', () => {
  let sandbox: SandboxHandle;
  let repo: TempRepo;
  let github: FakeGitHub;
  let stateDir: string;
  let state: string;

  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0, size: 'tiny', clientSecret: SECRET, now: NOW, classroom: { emptyClassroom: true } });
    repo = createTempRepo();
    github = await startFakeGitHub();
    stateDir = mkdtempSync(join(tmpdir(), 'sislink-state-'));
    state = `sqlite:${join(stateDir, 'state.db')}`;
    repo.write('.gitignore', 'secrets/\n');
    repo.write('secrets/sis-secret', SECRET);
    repo.write('secrets/sa.json', JSON.stringify(sandbox.classroomServiceAccountKey));
    repo.write('districts/maple.yaml', rosterYaml(sandbox, { removeUnenrolled: false }));
    repo.commit('Add Maple with its roster import');
    // Main is applied: the link, then the roster (Classroom matches the SIS).
    expect(await runApply({ targets: ['districts'], autoApprove: true, state, now: NOW, cwd: repo.dir, write: () => undefined })).toBe(0);
    expect(await runRoster({
      paths: ['districts'], mode: 'apply', state, cwd: repo.dir, format: 'json', now: NOW, connections: { classroomRateLimit: false }, write: () => undefined,
    })).toBe(0);
    repo.git('checkout', '-q', '-b', 'feature');
  });

  afterEach(async () => {
    await github.close();
    await sandbox.close();
    repo.remove();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const post = (sha: string) => postPlanComment({
    paths: ['districts'], cwd: repo.dir, state, now: NOW, env: {}, throttle: false,
    flags: { token: 'test-token', repo: 'acme/districts', pr: 7, sha, apiUrl: github.url, baseRef: 'main' },
  });

  it('counts the removals a pull request turning on removeUnenrolled would make, naming nobody', async () => {
    const [classId, want] = [...expectedRoster(sandbox)].find(([, course]) => course.students.length >= 3)!;
    await sisAdmin(sandbox, 'clear-enrollments', { class: classId, role: 'student' });
    repo.write('districts/maple.yaml', rosterYaml(sandbox, { removeUnenrolled: true }));
    const outcome = await post(repo.commit('Remove unenrolled students'));
    expect(outcome.state).toBe('success');
    const body = outcome.parts.join('\n');
    expect(body).toContain('#### Roster imports');
    expect(body).toContain(`- **maple** / roster: 0 to create, 0 to update, 0 teacher and 0 student adds, 0 teacher and ${want.students.length} student removals, 0 to archive;`);
    expect(body).toContain(`**${want.students.length} member removals.**`);
    // A whole class emptied: the rails would refuse the apply, and the reviewer sees it now.
    expect(body).toMatch(/An apply would be refused by the safety rails \(\d+ limit\(s\) exceeded\); it would need --allow-mass-removal/);
    for (const user of sandbox.data.users.values()) expect(body).not.toContain(user.email.toLowerCase());
    expect(body).not.toContain(SECRET);
  });

  it('says nothing of the rails when a removal stays within them', async () => {
    const [classId] = [...expectedRoster(sandbox)].find(([, course]) => course.students.length >= 3)!;
    const [enrollment] = studentEnrollments(sandbox, classId);
    await sisAdmin(sandbox, 'remove-enrollment', { enrollment: enrollment!.sourcedId });
    repo.write('districts/maple.yaml', rosterYaml(sandbox, { removeUnenrolled: true }));
    const body = (await post(repo.commit('Remove unenrolled students'))).parts.join('\n');
    expect(body).toContain('0 teacher and 1 student removals, 0 to archive;');
    expect(body).toContain('**1 member removal.**');
    expect(body).not.toContain('safety rails');
  });

  it('does not plan the roster of a district whose Classroom token URL changed, and sends that host nothing', async () => {
    const stranger = await startRecorder();
    try {
      repo.write('districts/maple.yaml', rosterYaml(sandbox, { removeUnenrolled: false }).replace(`tokenUrl: ${sandbox.classroomTokenUrl}`, `tokenUrl: ${stranger.url}/token`));
      const outcome = await post(repo.commit('Move the Classroom token URL'));
      const body = outcome.parts.join('\n');
      expect(body).toContain('- **maple** / roster: not planned: its Classroom settings (service-account key, admin or API URLs) changed on this pull request; it is planned after the change is merged');
      expect(stranger.requests).toEqual([]);
    } finally {
      await stranger.close();
    }
  });
});

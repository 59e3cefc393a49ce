import { it, expect } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { addDays } from '../../src/util/dates.js';
import { createSandboxRecord, makeRotationRepo, reconcileAt, rotationYaml, auditEvents } from './helpers.js';
it('sim', async () => {
  const sandbox = await startSandbox({ port: 0, size: 'tiny' });
  const record = { name: 'Google Classroom 2026', key: 'GOOGLE2026', effective: '2025-06-01', expiration: '2026-07-01' };
  sandbox.setClock(new Date('2026-05-30T17:00:00Z'));
  const secret = await createSandboxRecord(sandbox, record);
  const repo = await makeRotationRepo(sandbox, rotationYaml(sandbox, { record }), secret);
  let day = '2026-05-30';
  const t0 = Date.now();
  for (let i = 0; i < 8; i++) {
    const now = new Date(`${day}T17:00:00Z`);
    sandbox.setClock(now);
    const r = await reconcileAt(repo, now);
    console.log(day, r.code, r.output.slice(0, 3000));
    day = addDays(day, 1);
  }
  console.log('ms', Date.now() - t0);
  console.log((await auditEvents(repo)).map((e) => `${e.event} ${e.outcome ?? ''} ${JSON.stringify(e.details ?? {})}`).join('\n'));
  await sandbox.close();
}, 600000);

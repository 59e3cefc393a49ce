import { it } from 'vitest';
import { makeRosterWorld, NOW } from './helpers.js';
import { runRoster } from '../../src/commands/roster.js';

it('smoke', async () => {
  const world = await makeRosterWorld();
  try {
    let out = '';
    const code = await runRoster({ paths: ['districts'], mode: 'apply', state: world.state, now: NOW, cwd: world.repo.dir, write: (t) => (out += t), connections: { classroomRateLimit: false } });
    console.log(code, out);
    out = '';
    const code2 = await runRoster({ paths: ['districts'], mode: 'plan', state: world.state, now: NOW, cwd: world.repo.dir, write: (t) => (out += t), connections: { classroomRateLimit: false } });
    console.log(code2, out, world.sandbox.classroom?.store.counts());
  } finally {
    await world.close();
  }
}, 60000);

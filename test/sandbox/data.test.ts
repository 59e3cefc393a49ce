import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/sandbox/data/generate.js';
import { resolveDataOptions } from '../../src/sandbox/options.js';
import { call, lineItemBody, startTiny, token } from './helpers.js';

const NOW = new Date('2025-10-01T00:00:00Z');

describe('sandbox seeded data', () => {
  it('is the same for the same seed and different for another seed', () => {
    const one = generateDataset(resolveDataOptions({ seed: 5 }, NOW));
    const two = generateDataset(resolveDataOptions({ seed: 5 }, NOW));
    const other = generateDataset(resolveDataOptions({ seed: 6 }, NOW));
    expect(JSON.stringify(one)).toBe(JSON.stringify(two));
    expect(JSON.stringify(one)).not.toBe(JSON.stringify(other));
  });

  it('follows named sizes, explicit counts and the e-mail domain', () => {
    const tiny = generateDataset(resolveDataOptions({ size: 'tiny' }, NOW));
    expect(tiny.orgs.filter((o) => o.type === 'school')).toHaveLength(1);
    expect(tiny.classes).toHaveLength(4);
    expect(tiny.users.filter((u) => u.role === 'student')).toHaveLength(40);
    const small = generateDataset(resolveDataOptions({}, NOW));
    expect(small.orgs.filter((o) => o.type === 'school')).toHaveLength(3);
    expect(small.classes).toHaveLength(30);
    expect(small.users.filter((u) => u.role === 'student')).toHaveLength(600);
    const custom = generateDataset(resolveDataOptions({ size: 'tiny', schools: 2, classes: 6, students: 9, domain: 'district.test' }, NOW));
    expect(custom.orgs.filter((o) => o.type === 'school')).toHaveLength(2);
    expect(custom.classes).toHaveLength(6);
    expect(custom.users.filter((u) => u.role === 'student')).toHaveLength(9);
    expect(custom.users.every((u) => u.email.endsWith('@district.test'))).toBe(true);
    expect(() => resolveDataOptions({ classes: 0 }, NOW)).toThrow(/positive integer/);
  });

  it('is realistic: a school year with terms and grading periods, class refs, primary teachers, categories', () => {
    const data = generateDataset(resolveDataOptions({ schoolYear: 2026 }, NOW));
    const year = data.sessions.find((s) => s.type === 'schoolYear')!;
    expect(year).toMatchObject({ startDate: '2025-08-15', endDate: '2026-06-12', schoolYear: '2026' });
    const terms = data.sessions.filter((s) => s.type === 'term');
    expect(terms.every((t) => t.parentId === year.sourcedId && t.childIds.length === 2)).toBe(true);
    expect(data.sessions.filter((s) => s.type === 'gradingPeriod')).toHaveLength(4);
    for (const klass of data.classes) {
      expect(klass.termIds.length).toBeGreaterThan(0);
      expect(klass.location).toMatch(/^Room /);
      const primaries = data.enrollments.filter((e) => e.classId === klass.sourcedId && e.role === 'teacher' && e.primary);
      expect(primaries).toHaveLength(1);
      expect(data.categories.filter((c) => c.classId === klass.sourcedId).length).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(data.users.map((u) => u.email)).size).toBe(data.users.length);
  });

  it('has 50,000 users at the large size', () => {
    const large = generateDataset(resolveDataOptions({ size: 'large' }, NOW));
    expect(large.users).toHaveLength(50_000);
  });

  it('persists gradebook writes and access records to --data and loads them on start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sislink-sandbox-'));
    const file = join(dir, 'state.json');
    try {
      const first = await startTiny({ dataFile: file, seed: 3 });
      const bearer = await token(first);
      expect((await call('PUT', `${first.gradebook12Url}/lineItems/persisted-1`, { token: bearer, body: { lineItem: lineItemBody(first) } })).status).toBe(201);
      await first.close();
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const second = await startTiny({ dataFile: file, seed: 99 });
      try {
        const reply = await call('GET', `${second.gradebook12Url}/lineItems/persisted-1`, { token: await token(second) });
        expect(reply.status).toBe(200);
        expect(second.data.users.size).toBe(first.data.users.size);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

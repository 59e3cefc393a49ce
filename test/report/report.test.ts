import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../src/report/run.js';
import { renderTimeline } from '../../src/report/timeline.js';
import { createTempRepo, districtYaml, type TempRepo } from '../github/repo.js';
import { decodePng, distinctColours } from './png.js';

const CHROMIUM = '/usr/bin/chromium';
const run = promisify(execFile);

describe('sislink report', () => {
  let repo: TempRepo;
  let html: string;
  let out: string;

  beforeAll(async () => {
    repo = createTempRepo();
    const yaml = districtYaml({ host: 'https://sis.maple.example.org', sisSupport: true })
      .replace('name: maple-valley', 'name: maple-valley\n  displayName: Maple <Valley> & "Sons"')
      .replace('    records:\n', `    records:\n      - name: Google Classroom 2024\n        key: maple-key\n        secret: env:MAPLE_2024\n        effective: "2024-06-01"\n        expiration: "2025-07-31"\n`)
      .concat(`      - name: Google Classroom 2026\n        key: maple-key\n        secret: env:MAPLE_2026\n        effective: "2026-06-01"\n        expiration: "2027-07-31"\n    rotation:\n      rollover: "07-01"\n      overlapDays: 30\n      validityDays: 426\n      namePattern: Google Classroom {schoolYear}\n      provider: manual\n      warningDays: 45\n`);
    repo.write('districts/maple.yaml', yaml);
    const commit = repo.commit('Add Maple Valley (#4)');
    repo.write('districts/maple.yaml', yaml.replace('sisSupport: true', 'sisSupport: false'));
    repo.commit('Withdraw consent <script>alert(1)</script>');
    const lines = [
      { seq: 1, time: '2025-08-02T10:00:00.000Z', actor: 'ci<bot>', event: 'run.finish', district: 'maple-valley', gitCommit: commit, outcome: 'applied', details: { converged: true }, prev: '' },
      {
        seq: 2, time: '2025-08-03T02:00:00.000Z', actor: 'worker', event: 'job.finish', district: 'maple-valley', action: 'grade-export', address: 'export.maple-valley["grades"]', outcome: 'succeeded',
        details: { written: { lineItemsCreated: 4, lineItemsUpdated: 1, resultsCreated: 90, resultsUpdated: 10 }, deleted: 2, unchanged: 7, failed: 0 },
      },
      { seq: 3, time: '2025-08-03T05:00:00.000Z', actor: 'worker', event: 'job.finish', district: 'maple-valley', action: 'roster-import', address: 'roster.maple-valley["roster"]', outcome: 'refused', details: { violations: 3, planned: 40 } },
      {
        seq: 4, time: '2025-08-03T06:00:00.000Z', actor: 'it-admin', event: 'job.finish', district: 'maple-valley', action: 'roster-import', address: 'roster.maple-valley["roster"]', outcome: 'applied',
        details: { planned: 40, applied: { 'add-student': 30, 'remove-student': 8 }, alreadyDone: 2, failed: 0, massRemovalAllowed: true, violations: 3 },
      },
    ];
    writeFileSync(join(repo.dir, 'audit.log'), lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    out = join(repo.dir, 'report.html');
    await runReport({ paths: ['districts'], out, now: new Date('2025-09-01T12:00:00Z'), state: 'sqlite:state.db', auditLog: join(repo.dir, 'audit.log'), cwd: repo.dir, write: () => undefined });
    html = readFileSync(out, 'utf8');
  });

  afterAll(() => repo.remove());

  it('shows districts, timelines, applies and history, escaped and self-contained', () => {
    expect(html).toContain('Maple &lt;Valley&gt; &amp; &quot;Sons&quot;');
    expect(html).toContain('Withdraw consent &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('ci&lt;bot&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain('OneRoster');
    expect(html).toContain('<span class="warn">SIS support off</span>');
    expect(html).toContain('<span class="ok">converged</span>');
    expect(html).toContain('spec.consent.sisSupport: true → false');
    expect(html).toContain('#4');
    expect(html).toContain('today 2025-09-01');
    expect((html.match(/<rect /g) ?? []).length).toBe(3);
  });

  it('lists the data-exchange runs newest first, with their counts and any safety-rail override', () => {
    const section = html.slice(html.indexOf('<h2>Last data-exchange runs</h2>'), html.indexOf('<h2>Configuration history</h2>'));
    const rows = section.split('<tr>').slice(2);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('<td class="ok">applied</td><td>40 changes planned, 38 applied, 2 already done, 0 failed <span class="warn">(safety rails overridden: --allow-mass-removal)</span>');
    expect(rows[1]).toContain('<td class="bad">refused</td><td>refused by the safety rails (3 violation(s)); nothing changed</td>');
    expect(rows[2]).toContain('<code>export.maple-valley[&quot;grades&quot;]</code>');
    expect(rows[2]).toContain('100 results and 5 lineItems written, 2 deleted, 7 unchanged, 0 failed');
  });

  it('draws validity windows, rollovers and today on the timeline', () => {
    const svg = renderTimeline({
      today: '2025-09-01', rollover: '07-01',
      records: [
        { name: 'A', key: 'k', secret: 'env:A', effective: '2024-06-01', expiration: '2025-07-31' },
        { name: 'B', key: 'k', secret: 'env:B', effective: '2025-06-01', expiration: '2026-07-31' },
      ],
    });
    expect(svg).toContain('fill="#9e9e9e"'); // expired
    expect(svg).toContain('fill="#2e7d32"'); // valid today
    expect(svg).toContain('rollover 2025-07-01');
    expect(svg).toContain('rollover 2026-07-01');
    expect(svg).toContain('stroke="#c62828"');
  });

  it.skipIf(!existsSync(CHROMIUM))(`renders in headless Chromium (skipped only when ${CHROMIUM} is absent)`, async () => {
    const profile = mkdtempSync(join(tmpdir(), 'sislink-chromium-'));
    const png = join(profile, 'report.png');
    try {
      await run(CHROMIUM, [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--hide-scrollbars', `--user-data-dir=${profile}`, `--screenshot=${png}`,
        '--window-size=1200,900', pathToFileURL(out).href,
      ], { timeout: 120_000 });
      expect(existsSync(png)).toBe(true);
      expect(statSync(png).size).toBeGreaterThan(10_000);
      const decoded = decodePng(readFileSync(png));
      expect([decoded.width, decoded.height]).toEqual([1200, 900]);
      const colours = distinctColours(decoded);
      expect(colours.size).toBeGreaterThan(50);
      // The timeline's green bar (valid today) is on screen.
      expect([...colours].some((hex) => {
        const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
        return g > r + 40 && g > b + 40;
      })).toBe(true);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

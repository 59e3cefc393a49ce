import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderPlanComment } from '../../src/github/body.js';
import { createGitHubClient } from '../../src/github/client.js';
import { partHeader, parseMarker } from '../../src/github/markers.js';
import { GITHUB_BODY_LIMIT, splitBody } from '../../src/github/split.js';
import { upsertStickyComments } from '../../src/github/sticky.js';
import { assemblePlan } from '../../src/plan/plan.js';
import type { DistrictPlan, Plan } from '../../src/plan/types.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';

/** A plan whose markdown is about `kilobytes` KB, with multi-byte text so bytes exceed characters. */
function bigPlan(kilobytes: number): Plan {
  const districts: DistrictPlan[] = [];
  for (let index = 0; districts.length * 4_000 < kilobytes * 1024; index += 1) {
    const name = `district-${String(index).padStart(3, '0')}`;
    districts.push({
      district: name, file: `districts/${name}.yaml`, target: 'connector', base: 'b', desiredDigest: 'd', errors: [],
      warnings: [{ code: 'NOTE', message: `Übergang → neue Schlüssel für ${name} ✓` }],
      actions: Array.from({ length: 12 }, (_, step) => ({
        kind: 'update' as const, id: `u${step}`, address: `link.${name}`, reason: 'changed: baseUrl',
        before: { baseUrl: `https://old-${step}.example.org/${'é'.repeat(60)}` },
        after: { baseUrl: `https://new-${step}.example.org/${'ø'.repeat(60)}` },
        changes: [{ field: 'baseUrl', before: `https://old-${step}.example.org`, after: `https://new-${step}.example.org` }],
      })),
    });
  }
  return assemblePlan(districts, new Date('2025-09-01T00:00:00Z'), new Date('2025-09-01T00:00:00Z'));
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

function fencesBalanced(text: string): boolean {
  let open: string | undefined;
  for (const line of text.split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (marker === undefined) continue;
    if (open === undefined) open = marker;
    else if (line.trim() === open) open = undefined;
  }
  return open === undefined;
}

describe('splitting a long plan comment', () => {
  const key = 'districts';
  const header = partHeader(key);
  const body = renderPlanComment(bigPlan(200), { loaded: new Map() });

  it('keeps every part within 65,536 bytes, with balanced fences and its own marker', () => {
    expect(Buffer.byteLength(body)).toBeGreaterThan(200 * 1024);
    expect(Buffer.byteLength(body)).toBeGreaterThan(body.length);
    const parts = splitBody(body, header);
    expect(parts.length).toBeGreaterThanOrEqual(4);
    parts.forEach((part, index) => {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
      expect(fencesBalanced(part)).toBe(true);
      expect(parseMarker(part)).toEqual({ key, index: index + 1 });
      expect(part).toContain(`part ${index + 1} of ${parts.length}`);
    });
  });

  it('reassembles to the original, apart from the part headers and re-opened fences', () => {
    const parts = splitBody(body, header);
    const stripped = parts.map((part, index) => {
      const head = header(index + 1, parts.length);
      expect(part.startsWith(head)).toBe(true);
      return part.slice(head.length);
    });
    // At least one cut fell inside a code fence (closed and reopened across parts).
    expect(stripped.join('\n')).not.toBe(body);
    const joined = stripped.join('\n').replace(/\n```\n```diff\n/g, '\n');
    expect(joined).toBe(body);
  });

  it('leaves a short body whole', () => {
    expect(splitBody('hello\n', header)).toEqual(['<!-- sislink-plan: districts -->\nhello\n']);
  });

  it('cuts a single over-long line on code point boundaries', () => {
    const line = '€'.repeat(50_000);
    const parts = splitBody(`${line}\n`, header, 20_000);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(20_000);
    expect(parts.map((part, index) => part.slice(header(index + 1, parts.length).length)).join('').replace(/\n/g, '')).toBe(line);
  });
});

describe('posting a split plan', () => {
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await startFakeGitHub({ pageSize: 3 });
  });
  afterEach(async () => {
    await github.close();
  });

  it('posts every part, then deletes parts a shorter plan no longer needs', async () => {
    const octokit = createGitHubClient({ token: 't', baseUrl: github.url, throttle: false });
    const target = { owner: 'acme', repo: 'districts', issueNumber: 9, key: 'districts' };
    // Unrelated comments share the pull request; listing must page past them.
    for (let index = 0; index < 5; index += 1) await octokit.rest.issues.createComment({ owner: 'acme', repo: 'districts', issue_number: 9, body: `review ${index}` });
    const long = splitBody(renderPlanComment(bigPlan(200), { loaded: new Map() }), partHeader('districts'));
    const first = await upsertStickyComments(octokit, target, long);
    expect(first.created).toHaveLength(long.length);
    for (const comment of github.comments.slice(5)) expect(Buffer.byteLength(comment.body)).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);

    const short = splitBody(renderPlanComment(bigPlan(70), { loaded: new Map() }), partHeader('districts'));
    expect(short.length).toBeLessThan(long.length);
    const second = await upsertStickyComments(octokit, target, short);
    expect(second.created).toHaveLength(0);
    expect(second.updated).toEqual(first.ids.slice(0, short.length));
    expect(second.deleted).toEqual(first.ids.slice(short.length));
    expect(github.comments.filter((comment) => parseMarker(comment.body)?.key === 'districts').map((comment) => comment.body)).toEqual(short);
    expect(github.comments.filter((comment) => comment.body.startsWith('review'))).toHaveLength(5);
  });
});

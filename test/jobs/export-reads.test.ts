import { describe, expect, it } from 'vitest';
import { readSisStudents } from '../../src/jobs/export/class-reads.js';
import type { OneRosterClient } from '../../src/oneroster/client.js';
import { closeAfterEach, sendJson, startServer } from '../http/server.js';
import { endpointsFor, makeClient, tokenIssuer } from '../oneroster/fixtures.js';

const opened = closeAfterEach<OneRosterClient>();
const STUDENTS = [
  { sourcedId: 'st-1', status: 'active', email: 'Ada@x.edu', givenName: 'Ada', familyName: 'L', role: 'student' },
  { sourcedId: 'st-2', status: 'active', email: 'Bo@x.edu', givenName: 'Bo', familyName: 'M', role: 'student' },
];

/** A SIS answering /classes/c1/students; `onFields` decides what a fields= request gets. */
async function startSis(onFields: 'select' | 400 | 403) {
  const tokens = tokenIssuer();
  return startServer((req, res, body) => {
    if (tokens.handle(req, res, body)) return;
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/ims/oneroster/rostering/v1p2/classes/c1/students') return sendJson(res, 404, {});
    const fields = url.searchParams.get('fields');
    if (fields === null) return sendJson(res, 200, { users: STUDENTS });
    if (onFields !== 'select') return sendJson(res, onFields, { imsx_codeMajor: 'failure', imsx_severity: 'error', imsx_description: 'fields not supported' });
    const keep = fields.split(',');
    return sendJson(res, 200, { users: STUDENTS.map((user) => Object.fromEntries(Object.entries(user).filter(([key]) => keep.includes(key)))) });
  });
}

const studentReads = (urls: string[]) => urls.filter((url) => url.includes('/classes/c1/students'));

describe('SIS students of an exported class', () => {
  it('asks only for sourcedId and email', async () => {
    opened.server = await startSis('select');
    opened.client = makeClient(endpointsFor(opened.server.url));
    const deps = { oneRoster: opened.client, sisFields: { refused: false } };
    expect(await readSisStudents(deps, 'c1')).toEqual(STUDENTS.map(({ sourcedId, email }) => ({ sourcedId, email })));
    const [read] = studentReads(opened.server.requests.map((r) => r.url));
    expect(new URL(read!, 'http://x').searchParams.get('fields')).toBe('sourcedId,email');
  });

  it('reads whole records from a SIS that refuses fields=, and stops asking for the rest of the run', async () => {
    opened.server = await startSis(400);
    opened.client = makeClient(endpointsFor(opened.server.url));
    const deps = { oneRoster: opened.client, sisFields: { refused: false } };
    expect(await readSisStudents(deps, 'c1')).toEqual(STUDENTS);
    expect(deps.sisFields.refused).toBe(true);
    expect(await readSisStudents(deps, 'c1')).toEqual(STUDENTS);
    const reads = studentReads(opened.server.requests.map((r) => r.url));
    expect(reads.map((url) => url.includes('fields='))).toEqual([true, false, false]);
  });

  it('does not hide other failures behind the fallback', async () => {
    opened.server = await startSis(403);
    opened.client = makeClient(endpointsFor(opened.server.url));
    const deps = { oneRoster: opened.client, sisFields: { refused: false } };
    await expect(readSisStudents(deps, 'c1')).rejects.toMatchObject({ status: 403 });
    expect(deps.sisFields.refused).toBe(false);
  });
});

/**
 * A local server answering the GitHub REST endpoints sislink uses, with an in-memory store, and a
 * record of every request. Comment listings are paged (small pages) with Link headers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  body: string;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
}

export interface FakeGitHub {
  url: string;
  requests: Recorded[];
  comments: FakeComment[];
  issues: FakeIssue[];
  statuses: { sha: string; state: string; context: string; description: string }[];
  close(): Promise<void>;
}

const GITHUB_LIMIT = 65_536;

function send(res: ServerResponse, status: number, data?: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(data === undefined ? '' : JSON.stringify(data));
}

export async function startFakeGitHub(options: { pageSize?: number } = {}): Promise<FakeGitHub> {
  const state = { requests: [] as Recorded[], comments: [] as FakeComment[], issues: [] as FakeIssue[], statuses: [] as FakeGitHub['statuses'] };
  let nextId = 1000;
  const pageSize = options.pageSize ?? 2;
  let base = '';

  function route(req: IncomingMessage, res: ServerResponse, url: URL, body: Record<string, unknown>): void {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const text = typeof body.body === 'string' ? body.body : undefined;
    if (text !== undefined && text.length > GITHUB_LIMIT) return send(res, 422, { message: 'Validation Failed', errors: [{ code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }] });
    let m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path);
    if (m && method === 'GET') {
      const all = state.comments.filter((comment) => comment.issue === Number(m?.[1]));
      const page = Number(url.searchParams.get('page') ?? '1');
      const slice = all.slice((page - 1) * pageSize, page * pageSize);
      const more = page * pageSize < all.length;
      const next = new URL(`${base}${path}`);
      next.searchParams.set('page', String(page + 1));
      return send(res, 200, slice.map((comment) => ({ id: comment.id, body: comment.body })), more ? { link: `<${next.href}>; rel="next"` } : {});
    }
    if (m && method === 'POST') {
      const comment = { id: nextId++, issue: Number(m[1]), body: text ?? '' };
      state.comments.push(comment);
      return send(res, 201, { id: comment.id, body: comment.body });
    }
    m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path);
    if (m) {
      const comment = state.comments.find((candidate) => candidate.id === Number(m?.[1]));
      if (comment === undefined) return send(res, 404, { message: 'Not Found' });
      if (method === 'PATCH') {
        comment.body = text ?? comment.body;
        return send(res, 200, { id: comment.id, body: comment.body });
      }
      if (method === 'DELETE') {
        state.comments.splice(state.comments.indexOf(comment), 1);
        return send(res, 204);
      }
    }
    m = /^\/repos\/[^/]+\/[^/]+\/statuses\/([0-9a-f]+)$/.exec(path);
    if (m && method === 'POST') {
      state.statuses.push({ sha: m[1] as string, state: String(body.state), context: String(body.context), description: String(body.description) });
      return send(res, 201, { id: nextId++, state: body.state });
    }
    if (/^\/repos\/[^/]+\/[^/]+\/issues$/.test(path)) {
      if (method === 'GET') {
        const label = url.searchParams.get('labels');
        const wanted = url.searchParams.get('state') ?? 'open';
        const list = state.issues.filter((issue) => (wanted === 'all' || issue.state === wanted) && (label === null || issue.labels.includes(label)));
        return send(res, 200, list.map((issue) => ({ number: issue.number, title: issue.title, body: issue.body, state: issue.state, labels: issue.labels.map((name) => ({ name })) })));
      }
      if (method === 'POST') {
        const issue: FakeIssue = { number: state.issues.length + 1, title: String(body.title), body: text ?? '', state: 'open', labels: (body.labels as string[] | undefined) ?? [] };
        state.issues.push(issue);
        return send(res, 201, { number: issue.number });
      }
    }
    m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/.exec(path);
    if (m && method === 'PATCH') {
      const issue = state.issues.find((candidate) => candidate.number === Number(m?.[1]));
      if (issue === undefined) return send(res, 404, { message: 'Not Found' });
      if (text !== undefined) issue.body = text;
      if (body.state === 'closed' || body.state === 'open') issue.state = body.state;
      return send(res, 200, { number: issue.number, state: issue.state });
    }
    send(res, 404, { message: `no route for ${method} ${path}` });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://localhost');
      state.requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, body: raw });
      route(req, res, url, raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    ...state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A server that records requests and refuses every one (a SIS host that must stay untouched). */
export async function startRecorder(): Promise<{ url: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid_client' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

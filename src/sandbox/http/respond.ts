/** Request context and the one place responses are written (and recorded in the traffic log). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { imsxStatus, type CodeMinor, type CodeMajor } from './imsx.js';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  /** Raw query string without the leading '?'. */
  search: string;
  query: URLSearchParams;
  /** Called once with the status sent. */
  done(status: number): void;
}

export type Headers = Record<string, string | number>;

export function sendJson(ctx: RequestContext, status: number, body: unknown, headers?: Headers): void {
  const text = JSON.stringify(body);
  ctx.res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  ctx.res.end(text);
  ctx.done(status);
}

export function sendEmpty(ctx: RequestContext, status: number, headers?: Headers): void {
  ctx.res.writeHead(status, headers);
  ctx.res.end();
  ctx.done(status);
}

export function sendImsx(ctx: RequestContext, status: number, codeMinor: CodeMinor, description: string, headers?: Headers, codeMajor?: CodeMajor): void {
  sendJson(ctx, status, imsxStatus(codeMinor, description, codeMajor), headers);
}

/** A failure raised by a handler; the server turns it into an imsx response. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly codeMinor: CodeMinor,
    message: string,
    readonly headers?: Headers,
  ) {
    super(message);
  }
}

export const notFound = (what: string): HttpFailure => new HttpFailure(404, 'unknownobject', `${what} was not found`);
export const invalidData = (message: string): HttpFailure => new HttpFailure(422, 'invaliddata', message);

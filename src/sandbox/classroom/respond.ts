/** Responses in Google's shapes: JSON bodies and `{ error: { code, message, status } }` failures. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyFieldMask, type FieldMask } from './partial.js';

/** Thrown by handlers; turned into a Google error body. */
export class ApiFailure extends Error {
  constructor(
    readonly httpStatus: number,
    readonly apiStatus: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ApiContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path below the emulator's prefix, e.g. /v1/courses. */
  path: string;
  query: URLSearchParams;
  /** Records the request in the log with its final status. */
  done(status: number): void;
  /** The `fields` parameter of the request: successful bodies carry only those fields. */
  fields?: FieldMask;
}

export function sendJson(ctx: ApiContext, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(ctx.fields !== undefined && status < 300 ? applyFieldMask(body, ctx.fields) : body);
  ctx.res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers });
  ctx.res.end(text);
  ctx.done(status);
}

export function sendError(ctx: ApiContext, status: number, apiStatus: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(ctx, status, { error: { code: status, message, status: apiStatus } }, headers);
}

export const notFound = (what: string) => new ApiFailure(404, 'NOT_FOUND', `Requested entity was not found. (${what})`);
export const invalid = (message: string) => new ApiFailure(400, 'INVALID_ARGUMENT', message);
export const alreadyExists = (what: string) => new ApiFailure(409, 'ALREADY_EXISTS', `Requested entity already exists. (${what})`);
export const preconditionFailed = (message: string) => new ApiFailure(400, 'FAILED_PRECONDITION', message);

const MAX_BODY = 1_000_000;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) throw new ApiFailure(413, 'INVALID_ARGUMENT', 'request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (text.trim() === '') return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw invalid('Invalid JSON payload received.');
}

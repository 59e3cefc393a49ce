/** What a OneRoster route handler receives. */
import type { RequestContext } from '../http/respond.js';
import type { SandboxRuntime } from '../runtime.js';
import type { OneRosterVersion, SerializeContext } from './serialize.js';

export interface ApiCall {
  ctx: RequestContext;
  runtime: SandboxRuntime;
  version: OneRosterVersion;
  /** The ids in the path, in order (e.g. classes/{0}/students/{1}). */
  params: string[];
  ser: SerializeContext;
}

export type Handler = (call: ApiCall) => void | Promise<void>;

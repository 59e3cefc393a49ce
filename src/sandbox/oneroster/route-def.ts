/** A OneRoster endpoint: method, path pattern (ids as ':'), the 1.2 root it lives under, scopes, handler. */
import type { ScopeName } from '../auth/scopes.js';
import type { Handler } from './call.js';

export type Api = 'rostering' | 'gradebook' | 'resources';

export interface RouteDef {
  method: 'GET' | 'PUT' | 'DELETE' | 'POST';
  pattern: string;
  api: Api;
  /** Any one suffices. */
  scopes: readonly ScopeName[];
  handler: Handler;
}

export const ROSTER_READ: readonly ScopeName[] = ['roster.readonly', 'roster-core.readonly'];
export const GRADEBOOK_READ: readonly ScopeName[] = ['gradebook.readonly', 'gradebook-core.readonly'];
export const GRADEBOOK_PUT: readonly ScopeName[] = ['gradebook.createput'];
export const GRADEBOOK_DELETE: readonly ScopeName[] = ['gradebook.delete'];
export const RESOURCE_READ: readonly ScopeName[] = ['resource.readonly'];

/**
 * Maps a path to a OneRoster endpoint. Paths alternate collection / id, so a pattern is the path with
 * every second segment replaced by ':' (classes/:/students). 1.1 serves every endpoint under one
 * root; 1.2 splits them across the rostering, gradebook and resources roots.
 */
import type { OneRosterVersion } from './serialize.js';
import { GRADEBOOK_ROUTES } from './gradebook.js';
import { RESOURCE_ROUTES } from './resources.js';
import { ROSTERING_ROUTES } from './rostering.js';
import type { Api, RouteDef } from './route-def.js';

export const ROOTS: readonly { prefix: string; version: OneRosterVersion; api: Api | undefined }[] = [
  { prefix: '/ims/oneroster/v1p1', version: '1.1', api: undefined },
  { prefix: '/ims/oneroster/rostering/v1p2', version: '1.2', api: 'rostering' },
  { prefix: '/ims/oneroster/gradebook/v1p2', version: '1.2', api: 'gradebook' },
  { prefix: '/ims/oneroster/resources/v1p2', version: '1.2', api: 'resources' },
];

const ALL_ROUTES = [...ROSTERING_ROUTES, ...GRADEBOOK_ROUTES, ...RESOURCE_ROUTES];
const TABLE = new Map<string, RouteDef>();
for (const route of ALL_ROUTES) {
  TABLE.set(`1.1 ${route.method} ${route.pattern}`, route);
  TABLE.set(`${route.api} ${route.method} ${route.pattern}`, route);
}
const PATTERNS = new Set(ALL_ROUTES.flatMap((route) => [`1.1 ${route.pattern}`, `${route.api} ${route.pattern}`]));

export type RouteMatch =
  | { kind: 'route'; route: RouteDef; version: OneRosterVersion; params: string[] }
  | { kind: 'method-not-allowed'; allow: string }
  | { kind: 'not-found' };

export function matchRoute(method: string, path: string): RouteMatch {
  const root = ROOTS.find((r) => path.startsWith(`${r.prefix}/`));
  if (!root) return { kind: 'not-found' };
  const segments = path.slice(root.prefix.length + 1).split('/').filter((s) => s !== '');
  const params: string[] = [];
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    if (i % 2 === 0) {
      parts.push(segments[i]!);
      continue;
    }
    parts.push(':');
    try {
      params.push(decodeURIComponent(segments[i]!));
    } catch {
      return { kind: 'not-found' };
    }
  }
  const pattern = parts.join('/');
  const scope = root.api ?? '1.1';
  const route = TABLE.get(`${scope} ${method} ${pattern}`);
  if (route) return { kind: 'route', route, version: root.version, params };
  if (!PATTERNS.has(`${scope} ${pattern}`)) return { kind: 'not-found' };
  const allow = ['GET', 'PUT', 'DELETE', 'POST'].filter((m) => TABLE.has(`${scope} ${m} ${pattern}`)).join(', ');
  return { kind: 'method-not-allowed', allow };
}

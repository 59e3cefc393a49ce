/** Resources endpoints (1.2 resources root; 1.1 root): one digital textbook per course. */
import { resolveIds } from '../data/store.js';
import { notFound } from '../http/respond.js';
import type { ApiCall } from './call.js';
import { sendList, sendOne } from './listing.js';
import { RESOURCE_READ, type RouteDef } from './route-def.js';
import { serializeResource } from './serialize.js';

const id = (call: ApiCall): string => call.params[0] ?? '';

function get(pattern: string, handler: (call: ApiCall) => void): RouteDef {
  return { method: 'GET', pattern, api: 'resources', scopes: RESOURCE_READ, handler };
}

export const RESOURCE_ROUTES: RouteDef[] = [
  get('resources', (c) => sendList(c, 'resource', 'resources', [...c.runtime.store.resources.values()], serializeResource)),
  get('resources/:', (c) => sendOne(c, 'resource', 'resource', c.runtime.store.resources.get(id(c)), serializeResource, 'resource')),
  get('courses/:/resources', (c) => {
    if (!c.runtime.store.courses.has(id(c))) throw notFound(`course "${id(c)}"`);
    sendList(c, 'resource', 'resources', resolveIds(c.runtime.store.resourcesByCourse.get(id(c)), c.runtime.store.resources), serializeResource);
  }),
  get('classes/:/resources', (c) => {
    const klass = c.runtime.store.classes.get(id(c));
    if (!klass) throw notFound(`class "${id(c)}"`);
    sendList(c, 'resource', 'resources', resolveIds(c.runtime.store.resourcesByCourse.get(klass.courseId), c.runtime.store.resources), serializeResource);
  }),
];

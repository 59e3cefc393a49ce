/** What every API handler receives, and the lookups they share. */
import { SCOPES } from '../../classroom/scopes.js';
import type { IssuedToken } from './auth.js';
import type { PageLimits } from './paging.js';
import { notFound, type ApiContext } from './respond.js';
import type { ClassroomStore } from './store.js';
import type { EmCourse, EmUser } from './types.js';

export interface EmulatorState {
  store: ClassroomStore;
  now(): Date;
  limits: PageLimits;
}

export interface ApiCall {
  ctx: ApiContext;
  state: EmulatorState;
  caller: IssuedToken;
  params: Record<string, string>;
}

export function requireCourse(call: ApiCall, ref: string): EmCourse {
  const course = call.state.store.resolveCourse(ref);
  if (course === undefined) throw notFound(`course ${ref}`);
  return course;
}

export function requireUser(call: ApiCall, ref: string): EmUser {
  const user = call.state.store.resolveUser(ref, call.caller.subject);
  if (user === undefined) throw notFound(`user ${ref}`);
  return user;
}

export function canSeeEmails(call: ApiCall): boolean {
  return call.caller.scopes.has(SCOPES.profileEmails);
}

export function nowIso(call: ApiCall): string {
  return call.state.now().toISOString();
}

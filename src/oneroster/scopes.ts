/** OAuth 2.0 scopes per kind of OneRoster operation, for 1.1 (`v1p1`) and 1.2 (`v1p2`). */
import type { OneRosterVersion } from '../config/types.js';

export type OperationKind = 'roster-read' | 'gradebook-read' | 'gradebook-write' | 'gradebook-delete';

/**
 * per-operation: each call asks only for what it needs (least privilege, one cached token per set);
 * combined: one token with every scope, as Google's Classroom requests it;
 * none: no scope parameter, for servers that reject it.
 */
export type ScopeMode = 'per-operation' | 'combined' | 'none';

const SCOPE_NAMES: Record<OperationKind, string> = {
  'roster-read': 'roster.readonly',
  'gradebook-read': 'gradebook.readonly',
  'gradebook-write': 'gradebook.createput',
  'gradebook-delete': 'gradebook.delete',
};

export const OPERATION_KINDS: readonly OperationKind[] = ['roster-read', 'gradebook-read', 'gradebook-write', 'gradebook-delete'];

export function scopePrefix(version: OneRosterVersion): string {
  return `https://purl.imsglobal.org/spec/or/${version === '1.1' ? 'v1p1' : 'v1p2'}/scope/`;
}

export function scopeFor(version: OneRosterVersion, kind: OperationKind): string {
  return `${scopePrefix(version)}${SCOPE_NAMES[kind]}`;
}

/** The scopes to request for an operation; an empty list means "send no scope parameter". */
export function scopesFor(version: OneRosterVersion, kind: OperationKind, mode: ScopeMode): string[] {
  if (mode === 'none') return [];
  if (mode === 'combined') return OPERATION_KINDS.map((each) => scopeFor(version, each));
  return [scopeFor(version, kind)];
}

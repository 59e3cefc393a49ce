/** OneRoster OAuth 2.0 scopes. A 1.1 endpoint needs a v1p1 scope, a 1.2 endpoint a v1p2 scope. */
import type { OneRosterVersion } from '../oneroster/serialize.js';

export const SCOPE_NAMES = [
  'roster.readonly', 'roster-core.readonly', 'roster-demographics.readonly', 'gradebook.readonly', 'gradebook-core.readonly',
  'gradebook.createput', 'gradebook.createpost', 'gradebook.delete', 'resource.readonly',
] as const;
export type ScopeName = (typeof SCOPE_NAMES)[number];

const PREFIX: Record<OneRosterVersion, string> = {
  '1.1': 'https://purl.imsglobal.org/spec/or/v1p1/scope/',
  '1.2': 'https://purl.imsglobal.org/spec/or/v1p2/scope/',
};

export function scopeUri(version: OneRosterVersion, name: ScopeName): string {
  return PREFIX[version] + name;
}

export const ALL_SCOPES: readonly string[] = (['1.1', '1.2'] as const).flatMap((version) => SCOPE_NAMES.map((name) => scopeUri(version, name)));
const KNOWN = new Set(ALL_SCOPES);
const SHORT = new Set<string>(SCOPE_NAMES);

/**
 * Expands a requested scope string. Full scope URIs are kept; a bare name such as `roster.readonly`
 * stands for that scope in both versions. Returns the unknown entries separately.
 */
export function expandScopes(requested: string | null): { granted: string[]; unknown: string[] } {
  if (requested === null || requested.trim() === '') return { granted: [...ALL_SCOPES], unknown: [] };
  const granted = new Set<string>();
  const unknown: string[] = [];
  for (const entry of requested.split(/\s+/).filter(Boolean)) {
    if (KNOWN.has(entry)) granted.add(entry);
    else if (SHORT.has(entry)) for (const version of ['1.1', '1.2'] as const) granted.add(scopeUri(version, entry as ScopeName));
    else unknown.push(entry);
  }
  return { granted: [...granted], unknown };
}

/** The scopes (any one suffices) an operation needs. */
export function requiredScopes(version: OneRosterVersion, names: readonly ScopeName[]): string[] {
  return names.map((name) => scopeUri(version, name));
}

import type { DistrictConfig, Severity } from '../types.js';

/** A rule's finding; the loader attaches file, line and column from `path`. */
export interface RuleFinding {
  severity: Severity;
  code: string;
  /** Dotted path, e.g. spec.credentials.records[1].effective. */
  path: string;
  message: string;
  /** Point at the key instead of the value, or at the parent of a missing key. */
  target?: 'value' | 'key' | 'parent';
}

/** A semantic rule: a pure check over one schema-valid district. */
export type Rule = (config: DistrictConfig) => RuleFinding[];

export function error(code: string, path: string, message: string, target?: RuleFinding['target']): RuleFinding {
  return { severity: 'error', code, path, message, ...(target ? { target } : {}) };
}

export function warning(code: string, path: string, message: string, target?: RuleFinding['target']): RuleFinding {
  return { severity: 'warning', code, path, message, ...(target ? { target } : {}) };
}

/** The semantic rules, run in this order on every district that passed the schema. */
import type { DistrictConfig } from '../types.js';
import type { Rule, RuleFinding } from './types.js';
import { checkUrls } from './urls.js';
import { checkRecords } from './records.js';
import { checkRollover, checkSchedules, checkTimeZone } from './schedule.js';
import { checkRotationPolicy } from './rotation.js';
import { checkClassroomRequired, checkJobNames, checkJobsEnabled, checkVendorExtras } from './exchange.js';
import { checkSecretRefs } from './secrets.js';
import { checkVendorProfile } from './vendor.js';

export type { Rule, RuleFinding } from './types.js';

export const SEMANTIC_RULES: readonly Rule[] = [
  checkTimeZone,
  checkUrls,
  checkSecretRefs,
  checkVendorExtras,
  checkVendorProfile,
  checkClassroomRequired,
  checkJobsEnabled,
  checkJobNames,
  checkSchedules,
  checkRollover,
  checkRotationPolicy,
  checkRecords,
];

/**
 * All rule findings for one district: one per code and path, and one error per path (the
 * earliest rule wins, so the vendor profile does not repeat what a generic rule said).
 */
export function runRules(config: DistrictConfig, rules: readonly Rule[] = SEMANTIC_RULES): RuleFinding[] {
  const seen = new Set<string>();
  const errorPaths = new Set<string>();
  const out: RuleFinding[] = [];
  for (const rule of rules) {
    for (const finding of rule(config)) {
      const id = `${finding.code}\u0000${finding.path}`;
      if (seen.has(id) || (finding.severity === 'error' && errorPaths.has(finding.path))) continue;
      seen.add(id);
      if (finding.severity === 'error') errorPaths.add(finding.path);
      out.push(finding);
    }
  }
  return out;
}

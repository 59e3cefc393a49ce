/** The rotation policy must be able to produce a continuous chain of records. */
import type { DistrictConfig } from '../types.js';
import { error, type RuleFinding } from './types.js';

export function checkRotationPolicy(config: DistrictConfig): RuleFinding[] {
  const rotation = config.spec.credentials.rotation;
  if (!rotation) return [];
  const findings: RuleFinding[] = [];
  const base = 'spec.credentials.rotation';
  if (rotation.overlapDays >= rotation.validityDays) {
    findings.push(error('ROTATION_POLICY_INVALID', `${base}.overlapDays`, `must be less than validityDays (${rotation.validityDays})`));
  }
  if (rotation.provider === 'sandbox-http') {
    if (rotation.providerUrl === undefined) findings.push(error('PROVIDER_SETTING_REQUIRED', `${base}.providerUrl`, 'provider sandbox-http needs providerUrl', 'parent'));
    if (rotation.providerToken === undefined) findings.push(error('PROVIDER_SETTING_REQUIRED', `${base}.providerToken`, 'provider sandbox-http needs providerToken', 'parent'));
  }
  if (!rotation.namePattern.includes('{schoolYear}')) {
    findings.push(error('NAME_PATTERN_INVALID', `${base}.namePattern`, 'must contain {schoolYear} so each year gets a distinct record name'));
  }
  return findings;
}

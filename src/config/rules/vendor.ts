/** The vendor profile's own checks: endpoint derivation, host consistency, eligibility. */
import { getVendorProfile } from '../../vendors/index.js';
import type { DistrictConfig } from '../types.js';
import { error, type RuleFinding } from './types.js';

export function checkVendorProfile(config: DistrictConfig): RuleFinding[] {
  try {
    const profile = getVendorProfile(config.spec.vendor);
    const resolved = profile.resolveEndpoints(config);
    const findings: RuleFinding[] = Array.isArray(resolved) ? [...resolved] : [];
    findings.push(...profile.check(config));
    return findings;
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return [error('VENDOR_CHECK_FAILED', 'spec.vendor', `the ${config.spec.vendor} profile could not check this district: ${detail}`)];
  }
}

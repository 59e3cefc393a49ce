/** Builds a VendorProfile from a vendor's declared rules. */
import type { DistrictConfig } from '../config/types.js';
import type { CredentialStepDetails, ResolvedSisEndpoints, VendorFinding, VendorProfile } from './types.js';
import type { VendorRules } from './rules.js';
import { resolveWithRules } from './resolve.js';
import { sharedEligibility } from './eligibility.js';

export function createProfile(rules: VendorRules): VendorProfile {
  return {
    id: rules.id,
    displayName: rules.displayName,
    defaultVersion: rules.defaultVersion,
    defaultAuth: rules.defaultAuth,
    ...(rules.defaultKey === undefined ? {} : { defaultKey: rules.defaultKey }),
    ...(rules.defaultCategory === undefined ? {} : { defaultCategory: rules.defaultCategory }),
    resolveEndpoints(config: DistrictConfig): ResolvedSisEndpoints | VendorFinding[] {
      const { endpoints, findings } = resolveWithRules(rules, config);
      return endpoints ?? findings.filter((finding) => finding.severity === 'error');
    },
    check(config: DistrictConfig): VendorFinding[] {
      const resolution = resolveWithRules(rules, config);
      const findings = dedupe([
        ...resolution.findings,
        ...sharedEligibility(rules, config),
        ...(rules.eligibility?.(config) ?? []),
      ]);
      // Errors that made resolveEndpoints fail are reported there; callers combine the two.
      if (resolution.endpoints !== undefined) return findings;
      const reported = new Set(resolution.findings.filter((f) => f.severity === 'error').map(key));
      return findings.filter((finding) => !reported.has(key(finding)));
    },
    credentialInstructions(recordName: string, key: string, details: CredentialStepDetails = {}): string[] {
      return rules.credentialInstructions(recordName, key, details);
    },
  };
}

function key(finding: VendorFinding): string {
  return `${finding.code}\u0000${finding.path}`;
}

/** One finding per code and path: resolution and eligibility may both notice the same gap. */
function dedupe(findings: VendorFinding[]): VendorFinding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const id = key(finding);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The vendor profiles by id, and endpoint resolution for a district. */
import type { DistrictConfig, VendorId } from '../config/types.js';
import { SislinkError } from '../errors.js';
import type { ResolvedSisEndpoints, VendorFinding, VendorProfile } from './types.js';
import { aspenProfile } from './aspen.js';
import { infiniteCampusProfile } from './infinite-campus.js';
import { oneRosterProfile } from './oneroster.js';
import { powerSchoolProfile } from './powerschool.js';
import { skywardQmlativProfile } from './skyward-qmlativ.js';
import { skywardSmsProfile } from './skyward-sms.js';

export type { CredentialStepDetails, ResolvedSisEndpoints, VendorFinding, VendorProfile } from './types.js';
export { classroomAdminLinkSteps, classroomAdminUnlinkSteps } from './steps.js';

export const VENDOR_PROFILES: Readonly<Record<VendorId, VendorProfile>> = {
  'infinite-campus': infiniteCampusProfile,
  'skyward-sms': skywardSmsProfile,
  'skyward-qmlativ': skywardQmlativProfile,
  aspen: aspenProfile,
  powerschool: powerSchoolProfile,
  oneroster: oneRosterProfile,
};

export function getVendorProfile(id: VendorId): VendorProfile {
  const profile = VENDOR_PROFILES[id] as VendorProfile | undefined;
  if (profile === undefined) {
    throw new SislinkError('CONFIG_INVALID', `unknown SIS vendor '${String(id)}'; expected one of ${Object.keys(VENDOR_PROFILES).join(', ')}`);
  }
  return profile;
}

/** Every vendor finding for a district, each once: resolveEndpoints errors (if any) plus check. */
export function checkVendor(config: DistrictConfig): VendorFinding[] {
  const profile = getVendorProfile(config.spec.vendor);
  const resolved = profile.resolveEndpoints(config);
  return [...(Array.isArray(resolved) ? resolved : []), ...profile.check(config)];
}

/**
 * The OneRoster endpoints of a district. Throws CONFIG_INVALID listing every error finding
 * (`path: message`) when they cannot be resolved.
 */
export function resolveEndpoints(config: DistrictConfig): ResolvedSisEndpoints {
  const result = getVendorProfile(config.spec.vendor).resolveEndpoints(config);
  if (!Array.isArray(result)) return result;
  const lines = result.map((finding) => `${finding.code} ${finding.path}: ${finding.message}`);
  throw new SislinkError(
    'CONFIG_INVALID',
    `cannot resolve the OneRoster endpoints of district '${config.metadata.name}':\n  ${lines.join('\n  ')}`,
    { details: { findings: result } },
  );
}

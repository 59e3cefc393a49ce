/**
 * Eligibility findings every vendor shares: Google supports only vendor-run SaaS, the vendor's
 * licence, the Workspace edition needed for grade export, and product version comparisons.
 */
import type { DistrictConfig } from '../config/types.js';
import type { VendorFinding } from './types.js';
import type { LicenceRequirement, VendorRules } from './rules.js';
import { error, warning } from './urls.js';

/** The date from which grade export needs Education Plus or the Teaching and Learning Upgrade. */
export const GRADE_EXPORT_LICENCE_DATE = '2024-07-09';

export function sharedEligibility(rules: VendorRules, config: DistrictConfig): VendorFinding[] {
  const findings: VendorFinding[] = [];
  const { sis, dataExchange, licensing, link } = config.spec;
  if (sis.deployment === 'self-hosted') {
    findings.push(warning('SELF_HOSTED_UNSUPPORTED', 'spec.sis.deployment',
      `Google supports only SaaS deployments hosted and run by ${rules.displayName}; a self-hosted SIS can link but gets no Google support`));
  }
  if (rules.licence !== undefined && !hasLicence(sis.licences, rules.licence)) {
    findings.push(warning('LICENCE_MISSING', 'spec.sis.licences',
      `${rules.displayName} needs ${rules.licence.label}; add '${rules.licence.id}' to spec.sis.licences once confirmed` +
        (rules.licence.hint === undefined ? '' : ` (${rules.licence.hint})`)));
  }
  if (licensing.edition === 'none') {
    if (dataExchange.gradeExport) {
      findings.push(warning('LICENCE_REQUIRED', 'spec.licensing.edition',
        `grade export needs Google Workspace for Education Plus or the Teaching and Learning Upgrade since ${GRADE_EXPORT_LICENCE_DATE}`));
    } else if (link.target === 'classroom-admin' && link.enabled) {
      findings.push(warning('LICENCE_REQUIRED', 'spec.licensing.edition',
        "Classroom's SIS integration needs Google Workspace for Education Plus or the Teaching and Learning Upgrade for every teacher"));
    }
  }
  return findings;
}

export function normaliseLicence(text: string): string {
  return text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function hasLicence(licences: string[] | undefined, requirement: LicenceRequirement): boolean {
  const accepted = new Set([requirement.id, ...(requirement.aliases ?? [])]);
  return (licences ?? []).some((licence) => accepted.has(normaliseLicence(licence)));
}

/** Compares dotted numeric versions (`24.5.1.0`); undefined when either is not such a version. */
export function compareVersions(a: string, b: string): number | undefined {
  const pattern = /^\d+(\.\d+)*$/;
  if (!pattern.test(a.trim()) || !pattern.test(b.trim())) return undefined;
  const left = a.trim().split('.').map(Number);
  const right = b.trim().split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/**
 * Checks spec.sis.productVersion against a minimum. `below` decides the severity of an old
 * version; an unparsable one is always an error.
 */
export function minimumVersionFinding(
  config: DistrictConfig,
  minimum: string,
  below: { severity: 'error' | 'warning'; code: string; message: string },
  whenMissing?: string,
): VendorFinding[] {
  const version = config.spec.sis.productVersion;
  if (version === undefined) {
    return whenMissing === undefined ? [] : [warning('PRODUCT_VERSION_UNKNOWN', 'spec.sis.productVersion', whenMissing)];
  }
  const order = compareVersions(version, minimum);
  if (order === undefined) {
    return [error('PRODUCT_VERSION_INVALID', 'spec.sis.productVersion', `'${version}' is not a dotted version such as ${minimum}`)];
  }
  if (order >= 0) return [];
  return [{ severity: below.severity, code: below.code, path: 'spec.sis.productVersion', message: below.message }];
}

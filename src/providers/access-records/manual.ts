/**
 * `manual`: no API manages the records, so a person creates them in the vendor's console. These
 * pure functions write what to do, with the exact values and dates; sislink continues by itself
 * once the secret reference it named resolves (it then tests the record and switches the link).
 */
import { posix } from 'node:path';
import type { VendorId } from '../../config/types.js';
import { getVendorProfile } from '../../vendors/index.js';

export interface ManualCreateInput {
  vendor: VendorId;
  recordName: string;
  key: string;
  effective: string;
  expiration: string;
  /** Where the person stores the generated secret. */
  secretRef: string;
  /** The day by which it must be done (the record's effective date). */
  deadline: string;
  /** Last day the record in use today is valid, when it expires. */
  currentExpiration?: string;
}

/** The reference a person fills for a manual record: a file in the district's `file:` secret store. */
export function manualSecretRef(secretStore: string | undefined, secretName: string): string | undefined {
  if (secretStore === undefined || !secretStore.startsWith('file:')) return undefined;
  const dir = secretStore.slice('file:'.length).replace(/\/+$/, '');
  return `file:${posix.join(dir, secretName)}`;
}

export function manualCreateInstructions(input: ManualCreateInput): string[] {
  const profile = getVendorProfile(input.vendor);
  const lastDay = input.currentExpiration === undefined ? '' : ` The record in use today stops working after ${input.currentExpiration}.`;
  const vendorSteps = profile.credentialInstructions(input.recordName, input.key, {
    effective: input.effective,
    expiration: input.expiration,
    secretRef: input.secretRef,
  });
  // Vendors whose console has no dates of its own still get the window to configure, if any.
  const window = vendorSteps.some((line) => line.includes(input.effective))
    ? []
    : [`Make it valid from ${input.effective} through ${input.expiration} where the SIS supports validity dates.`];
  return [
    `Do this by ${input.deadline}: create the access record "${input.recordName}" in ${profile.displayName}.${lastDay}`,
    ...vendorSteps,
    ...window,
    `Nothing else to record: once ${input.secretRef} resolves, sislink tests the record (from ${input.effective}) and switches the link to it by itself.`,
  ];
}

export function manualRetireInstructions(vendor: VendorId, recordName: string, key: string, reason: string): string[] {
  const profile = getVendorProfile(vendor);
  const open = vendor === 'skyward-qmlativ'
    ? 'Open Administrative Access > API > Integration, find vendor "Google Dev Team" with product "Google Classroom", click Open > Integration Accesses.'
    : `Open the API / integration credentials page of ${profile.displayName}.`;
  return [
    `Retire the access record "${recordName}" (Key ${key}): ${reason}.`,
    open,
    vendor === 'skyward-qmlativ'
      ? `Edit "${recordName}", untick Is Active, click Save and check that Review Results shows 1 successful record.`
      : `Deactivate the credential "${recordName}" (key ${key}) so it can no longer be used.`,
    'The link no longer uses it; sislink records the retirement when this step is applied.',
  ];
}

/** Console steps shared by vendors: storing the secret, and Google's side of the built-in link. */
import type { CredentialStepDetails } from './types.js';

export function storeSecretStep(label: string, details: CredentialStepDetails): string {
  return details.secretRef === undefined
    ? `Store the ${label} in the secret store named by the district file; never paste it into the file.`
    : `Store the ${label} where ${details.secretRef} reads it; never paste it into the district file.`;
}

/**
 * Steps in Google's admin console for the `classroom-admin` link target (there is no API for it).
 * Values are shown as given: pass the secret's reference, never its value.
 */
export function classroomAdminLinkSteps(
  vendorName: string,
  values: { hostUrl: string; key: string; secretRef: string; sisSupport: boolean },
): string[] {
  return [
    'Go to classroom.google.com/admin.',
    `Next to "Select your SIS", click the Down arrow and select ${vendorName}; click Connect to Google.`,
    'Under "SIS setup", click Link and enter:',
    `  Host URL: ${values.hostUrl}`,
    `  Access key: ${values.key}`,
    `  Secret: the value that ${values.secretRef} resolves to`,
    values.sisSupport
      ? 'Make sure "Enable SIS support" is ticked (shares the district\'s domain name with the SIS vendor to diagnose errors).'
      : 'Make sure "Enable SIS support" is not ticked (the district does not share its domain name with the SIS vendor).',
    'Click Authorize; if an error appears, refresh the page.',
    'Back on the SIS setup page, review and confirm the import and export features (Save and confirm).',
  ];
}

/** Steps in Google's admin console to unlink; re-linking later may duplicate exported grades. */
export function classroomAdminUnlinkSteps(): string[] {
  return [
    'Go to classroom.google.com/admin.',
    'Under "SIS setup", click Remove, then Unlink.',
    'Teachers lose the integration; grades already exported stay in the SIS but are no longer updated. Linking again later can duplicate later grade exports in the SIS.',
  ];
}

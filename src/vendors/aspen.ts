/**
 * Follett Aspen: 6.2 or later, SaaS run by Follett. The OneRoster URL is not documented publicly,
 * so it comes from spec.sis.baseUrl only.
 */
import type { DistrictConfig } from '../config/types.js';
import type { CredentialStepDetails, VendorFinding } from './types.js';
import { createProfile } from './profile.js';
import { storeSecretStep } from './steps.js';
import { minimumVersionFinding } from './eligibility.js';
import { genericTokenUrl } from './urls.js';

export const ASPEN_MINIMUM_VERSION = '6.2';

function eligibility(config: DistrictConfig): VendorFinding[] {
  return minimumVersionFinding(
    config,
    ASPEN_MINIMUM_VERSION,
    { severity: 'error', code: 'VENDOR_VERSION_UNSUPPORTED', message: `Classroom links to Aspen ${ASPEN_MINIMUM_VERSION} or later only` },
    `set the Aspen version so eligibility (${ASPEN_MINIMUM_VERSION} or later) can be checked`,
  );
}

function credentialInstructions(recordName: string, _key: string, details: CredentialStepDetails): string[] {
  return [
    'Sign in to Pando as an Aspen administrator.',
    'Under Home, open Community > General API Connections Page.',
    'In Resources open the "Setup and Aspen Configuration" folder and follow its articles to set up OneRoster and OAuth.',
    `Name the OAuth client "${recordName}" and note its client id and client secret, and the OneRoster base URL (spec.sis.baseUrl).`,
    storeSecretStep('client secret', details),
  ];
}

export const aspenProfile = createProfile({
  id: 'aspen',
  displayName: 'Follett Aspen',
  defaultVersion: '1.1',
  supportedVersions: ['1.1', '1.2'],
  defaultAuth: 'oauth2-basic',
  baseUrlShape: 'the OneRoster root from Aspen\'s OAuth setup (the URL before /ims/oneroster)',
  defaultTokenUrl: genericTokenUrl,
  tokenUrlDocumented: false,
  tokenUrlHint: 'set spec.sis.tokenUrl to the token endpoint from Aspen\'s OAuth setup',
  eligibility,
  credentialInstructions,
});

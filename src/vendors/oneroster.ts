/**
 * Any other OneRoster 1.1/1.2 SIS. Google's built-in link reaches such a SIS only through its
 * pilot programme; sislink's own connector works with any conforming server.
 */
import type { DistrictConfig } from '../config/types.js';
import type { CredentialStepDetails, VendorFinding } from './types.js';
import { createProfile } from './profile.js';
import { storeSecretStep } from './steps.js';
import { genericTokenUrl, warning } from './urls.js';

function eligibility(config: DistrictConfig): VendorFinding[] {
  if (config.spec.link.target !== 'classroom-admin') return [];
  return [warning('PILOT_PROGRAMME_ONLY', 'spec.link.target',
    "Classroom's built-in link supports other OneRoster SIS only through Google's pilot programme; the connector target works without it")];
}

function credentialInstructions(recordName: string, key: string, details: CredentialStepDetails): string[] {
  return [
    `In the SIS's OneRoster or OAuth administration, create an OAuth 2.0 client-credentials client named "${recordName}"${key === '' ? '' : ` with client id ${key}`}.`,
    'Grant it the OneRoster roster and gradebook scopes (roster.readonly, gradebook.readonly, gradebook.createput, gradebook.delete).',
    'Note the client id, the client secret, the OneRoster root URL (spec.sis.baseUrl) and the token URL (spec.sis.tokenUrl).',
    storeSecretStep('client secret', details),
  ];
}

export const oneRosterProfile = createProfile({
  id: 'oneroster',
  displayName: 'OneRoster SIS',
  defaultVersion: '1.2',
  supportedVersions: ['1.1', '1.2'],
  defaultAuth: 'oauth2-basic',
  baseUrlShape: 'the root that holds /ims/oneroster',
  defaultTokenUrl: genericTokenUrl,
  tokenUrlDocumented: false,
  tokenUrlHint: "set spec.sis.tokenUrl to the SIS's OAuth 2.0 token endpoint",
  eligibility,
  credentialInstructions,
});

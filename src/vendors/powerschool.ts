/**
 * PowerSchool SIS through the Universal Rostering connector: OneRoster 1.1, token from
 * PowerSchool's accounts service with the credentials in the form body.
 */
import type { DistrictConfig } from '../config/types.js';
import type { CredentialStepDetails, VendorFinding } from './types.js';
import { createProfile } from './profile.js';
import { storeSecretStep } from './steps.js';
import { minimumVersionFinding } from './eligibility.js';
import { trimSlashes } from './urls.js';

export const POWERSCHOOL_TOKEN_URL = 'https://accounts.powerschool.com/as/token.oauth2';
/** The OneRoster root the help article gives for the Google Universal Connector. */
export const POWERSCHOOL_DEFAULT_BASE_URL = 'https://sis.powerschool.com/api';
export const POWERSCHOOL_RECOMMENDED_VERSION = '24.5.1.0';

function eligibility(config: DistrictConfig): VendorFinding[] {
  return minimumVersionFinding(config, POWERSCHOOL_RECOMMENDED_VERSION, {
    severity: 'warning',
    code: 'VENDOR_VERSION_OLD',
    message: `PowerSchool SIS ${POWERSCHOOL_RECOMMENDED_VERSION} or later is recommended for Classroom's SIS integration`,
  });
}

function credentialInstructions(recordName: string, _key: string, details: CredentialStepDetails): string[] {
  return [
    'Make sure the Universal Rostering connector is enabled with read or write access.',
    'Download the Google Universal Connector plugin, sign in to PowerSchool SIS and open System Management > Server > Plugin Configuration.',
    'Under Plugin Management Configuration click Install (or select the installed Google Universal Connector and click Update), choose the downloaded file and click Install.',
    'Tick the box that enables the Google Universal Connector plugin.',
    `Select the plugin to open its Summary page and copy ClientID (the access key) and ClientSecret for "${recordName}".`,
    `OneRoster base URL: ${details.hostUrl ?? `${POWERSCHOOL_DEFAULT_BASE_URL}/ims/oneroster/v1p1`}.`,
    storeSecretStep('ClientSecret', details),
  ];
}

export const powerSchoolProfile = createProfile({
  id: 'powerschool',
  displayName: 'PowerSchool SIS',
  defaultVersion: '1.1',
  supportedVersions: ['1.1', '1.2'],
  defaultAuth: 'oauth2-body',
  baseUrlShape: `https://<host>/api, e.g. ${POWERSCHOOL_DEFAULT_BASE_URL}`,
  deriveBaseUrl: (app) => `${trimSlashes(`${app.origin}${app.pathname}`)}/api`,
  matchesBaseUrl: (base) => /\/api\/*$/i.test(base.pathname),
  fallbackBaseUrl: POWERSCHOOL_DEFAULT_BASE_URL,
  defaultTokenUrl: () => POWERSCHOOL_TOKEN_URL,
  tokenUrlDocumented: true,
  eligibility,
  credentialInstructions,
});

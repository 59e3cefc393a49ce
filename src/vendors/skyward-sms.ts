/**
 * Skyward SMS 2.0: OneRoster 1.1 at the district's Application URL + `/api`; the Secured User
 * id (e.g. GOOGLE) is the access key; the token URL is the district's Authentication URL.
 */
import type { CredentialStepDetails } from './types.js';
import { createProfile } from './profile.js';
import { storeSecretStep } from './steps.js';
import { trimSlashes } from './urls.js';

/** Token URL guess `<base>/token`: the district's Authentication URL is authoritative (unverified default). */
function tokenUrl(base: string): string {
  return `${base}/token`;
}

function credentialInstructions(recordName: string, key: string, details: CredentialStepDetails): string[] {
  return [
    'In Skyward, open System > Product Setup (PS) > Contact Access (CA).',
    'Under Security (SE) > Subgroup Users (US), choose Secured User (SU) and click Add.',
    `Under Add Secured User choose the vendor name type and enter the organisation name "${recordName}"; click Add Entered Name to Secured Users.`,
    `Under Security Information open Account Information: the id "${key}" acts as the API key. Click Save.`,
    `In the Secured Users list find "${recordName}", check that it is an active secured user (Y), then click API (bottom right).`,
    'In the API Access window click Generate a New Secret and copy the key and secret (generating again replaces the previous secret).',
    'Open Product Setup (PS) > Contact Access (CA) > District Setup (DS) > Configuration (CF) > API Configuration (AP) and note the Application URL and Authentication URL (spec.sis.applicationUrl and spec.sis.tokenUrl).',
    'Under OneRoster API Line Item Configuration set Default Category (e.g. Assignments), then Save.',
    storeSecretStep('secret', details),
  ];
}

export const skywardSmsProfile = createProfile({
  id: 'skyward-sms',
  displayName: 'Skyward SMS 2.0',
  defaultVersion: '1.1',
  supportedVersions: ['1.1'],
  defaultAuth: 'oauth2-basic',
  defaultKey: 'GOOGLE',
  defaultCategory: 'Assignments',
  baseUrlShape: '<Application URL>/api, e.g. https://esdemo1.skyward.com/api',
  deriveBaseUrl: (app) => `${trimSlashes(`${app.origin}${app.pathname}`)}/api`,
  matchesBaseUrl: (base) => /\/api\/*$/i.test(base.pathname),
  defaultTokenUrl: tokenUrl,
  tokenUrlDocumented: false,
  tokenUrlHint: 'set it to the Authentication URL from Skyward API Configuration (AP)',
  licence: { id: 'lms-api', aliases: ['lms'], label: 'the LMS API licence' },
  credentialInstructions,
});

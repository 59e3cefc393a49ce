/**
 * Skyward Qmlativ: OneRoster 1.1 at the Application URL + `API` (compared case-insensitively),
 * credentials from Integration Access records that overlap across school years.
 */
import type { CredentialStepDetails } from './types.js';
import { createProfile } from './profile.js';
import { storeSecretStep } from './steps.js';

export const QMLATIV_CONFIGURATION_CODE = 'GGLCL';

/** `https://demo.skyward.com/demo` -> `https://demo.skyward.com/demoapi`; a bare host gets `/api`. */
function deriveBaseUrl(app: URL): string {
  const path = app.pathname.replace(/\/+$/, '');
  return path === '' ? `${app.origin}/api` : `${app.origin}${path}api`;
}

/** Token URL guess `<base>/token` (unverified): one setting (spec.sis.tokenUrl) away from right. */
function tokenUrl(base: string): string {
  return `${base}/token`;
}

function credentialInstructions(recordName: string, key: string, details: CredentialStepDetails): string[] {
  const effective = details.effective === undefined
    ? 'Set Effective Date to the day the access should start (keep the default to start today).'
    : `Set Effective Date to ${details.effective}.`;
  const expiration = details.expiration === undefined
    ? 'Clear Expiration Date (by default it is one year after the Effective Date).'
    : `Set Expiration Date to ${details.expiration}.`;
  const store = storeSecretStep('secret', details);
  return [
    'In the Skyward Qmlativ menu open Administrative Access > API > Vendor and check that "Google" is listed (otherwise Add OneRoster Vendor "Google", Save).',
    `Open Administrative Access > API > OneRoster Configuration and check the row with Code ${QMLATIV_CONFIGURATION_CODE} and vendor Google (otherwise Add OneRoster Configuration: OneRoster Vendor Google, Code ${QMLATIV_CONFIGURATION_CODE}, Description "Google Classroom", your District, tick Allow Grade Pass Back, optionally a Default Category; Save).`,
    'Open Administrative Access > API > Integration, find vendor "Google Dev Team" with product "Google Classroom", click Open > Integration Accesses.',
    'Click Add Integration Access and fill in the workflow:',
    `  Name: ${recordName}`,
    `  Key: ${key}`,
    '  Authentication Type: OA2 - OAuth 2.0',
    '  Is Active: ticked',
    `  ${effective}`,
    `  ${expiration}`,
    `  Under Configuration, OneRoster Configuration: select code ${QMLATIV_CONFIGURATION_CODE}, vendor Google.`,
    'Click Save and check that Review Results shows 1 successful record.',
    'Click Generate Secret, then Copy: the secret is shown only once, and generating again replaces this record\'s previous secret.',
    store,
    'Click Run Process, then Close. Keep the previous record active until its Expiration Date so the switch needs no downtime.',
  ];
}

export const skywardQmlativProfile = createProfile({
  id: 'skyward-qmlativ',
  displayName: 'Skyward Qmlativ',
  defaultVersion: '1.1',
  supportedVersions: ['1.1'],
  defaultAuth: 'oauth2-basic',
  defaultKey: 'GOOGLE',
  baseUrlShape: '<Application URL>API, e.g. https://demo.skyward.com/demoapi',
  deriveBaseUrl,
  matchesBaseUrl: (base) => /api\/*$/i.test(base.pathname),
  defaultTokenUrl: tokenUrl,
  tokenUrlDocumented: false,
  tokenUrlHint: 'set spec.sis.tokenUrl if Skyward gave another token endpoint',
  licence: { id: 'oneroster-api', aliases: ['one-roster-api', 'oneroster'], label: 'the OneRoster API licence' },
  credentialInstructions,
});

/**
 * Infinite Campus: OneRoster 1.2 under `https://<host>/campus/api`, token URL carrying the
 * application name, keys prefixed `InfiniteCampus_`, gradebook calls need a vendor key/secret.
 */
import type { DistrictConfig } from '../config/types.js';
import type { CredentialStepDetails, VendorFinding } from './types.js';
import { createProfile } from './profile.js';
import { storeSecretStep } from './steps.js';
import { error, warning } from './urls.js';

export const INFINITE_CAMPUS_KEY_PREFIX = 'InfiniteCampus_';

function tokenUrl(base: string, config: DistrictConfig): string | VendorFinding {
  const appName = config.spec.sis.infiniteCampus?.appName;
  if (appName === undefined || appName.trim() === '') {
    return error('IC_APP_NAME_REQUIRED', 'spec.sis.infiniteCampus.appName',
      'Infinite Campus needs the application name (appName) for its token URL');
  }
  // `https://host/campus/api` -> `https://host/campus/oauth2/token?appName=...`
  const appRoot = base.replace(/\/api$/i, '');
  return `${appRoot}/oauth2/token?appName=${encodeURIComponent(appName.trim())}`;
}

function eligibility(config: DistrictConfig): VendorFinding[] {
  const findings: VendorFinding[] = [];
  const { sis, credentials, dataExchange } = config.spec;
  const appName = sis.infiniteCampus?.appName;
  if (appName === undefined || appName.trim() === '') {
    findings.push(error('IC_APP_NAME_REQUIRED', 'spec.sis.infiniteCampus.appName',
      'Infinite Campus needs the application name (appName) for its token URL'));
  }
  credentials.records.forEach((record, index) => {
    if (!record.key.startsWith(INFINITE_CAMPUS_KEY_PREFIX)) {
      findings.push(warning('IC_KEY_PREFIX', `spec.credentials.records[${index}].key`,
        `Infinite Campus consumer keys start with ${INFINITE_CAMPUS_KEY_PREFIX}; check that this is the consumer key`));
    }
  });
  const rotationKey = credentials.rotation?.key;
  if (rotationKey !== undefined && !rotationKey.startsWith(INFINITE_CAMPUS_KEY_PREFIX)) {
    findings.push(warning('IC_KEY_PREFIX', 'spec.credentials.rotation.key',
      `Infinite Campus consumer keys start with ${INFINITE_CAMPUS_KEY_PREFIX}`));
  }
  if ((sis.oneRosterVersion ?? '1.2') === '1.1') {
    findings.push(warning('IC_CONNECTION_EXPIRES', 'spec.sis.oneRosterVersion',
      'Infinite Campus OneRoster 1.1 connections expire one year after creation; 1.2 connections do not by default'));
  }
  if (sis.auth === 'oauth1-hmac-sha256' || sis.auth === 'oauth1-hmac-sha1') {
    findings.push(warning('OAUTH1_DEPRECATED', 'spec.sis.auth', 'Infinite Campus no longer creates OAuth 1.0a connections; use oauth2-basic'));
  }
  if (dataExchange.gradeExport && (sis.infiniteCampus?.vendorKey === undefined || sis.infiniteCampus.vendorSecret === undefined)) {
    findings.push(warning('IC_VENDOR_AUTH_MISSING', 'spec.sis.infiniteCampus',
      'grade export calls to Infinite Campus need vendorKey and vendorSecret (sent as x-vendor-authorization)'));
  }
  return findings;
}

function credentialInstructions(recordName: string, key: string, details: CredentialStepDetails): string[] {
  return [
    'Sign in to Infinite Campus as a system administrator.',
    'Search for and open Digital Learning Applications.',
    'Click Add application, then under Browse Applications choose Google Classroom.',
    'If Browse Applications is missing, open Campus Learning Licensing and check the licence status (a one-time 45-day provisional licence can be requested).',
    `Click Generate New OneRoster Connection, choose OneRoster 1.2 and name it "${recordName}".`,
    `Copy the Consumer key (expected to start with ${INFINITE_CAMPUS_KEY_PREFIX}${key.startsWith(INFINITE_CAMPUS_KEY_PREFIX) ? `; configured key: ${key}` : ''}), the Consumer secret and the OneRoster Base URL.`,
    storeSecretStep('Consumer secret', details),
  ];
}

export const infiniteCampusProfile = createProfile({
  id: 'infinite-campus',
  displayName: 'Infinite Campus',
  defaultVersion: '1.2',
  supportedVersions: ['1.1', '1.2'],
  defaultAuth: 'oauth2-basic',
  baseUrlShape: 'https://<host>/campus/api',
  deriveBaseUrl: (app) => `${app.origin}/campus/api`,
  matchesBaseUrl: (base) => base.pathname.replace(/\/+$/, '').toLowerCase() === '/campus/api',
  defaultTokenUrl: tokenUrl,
  tokenUrlDocumented: true,
  licence: {
    id: 'campus-learning',
    label: 'a Campus Learning licence',
    hint: 'a one-time 45-day provisional licence exists',
  },
  eligibility,
  credentialInstructions,
});

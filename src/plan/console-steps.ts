/**
 * Instructions for Google's built-in SIS link, which has no API: a person follows them in the
 * Classroom admin console (classroom.google.com/admin). Secrets appear only as references.
 */
import type { Fields } from './types.js';
import { isSensitive } from './fields.js';
import { versionUrls } from '../vendors/urls.js';

const CONSOLE = 'https://classroom.google.com/admin';

export interface ConsoleStep {
  title: string;
  instructions: string[];
  values: Record<string, string>;
}

function text(value: Fields[string] | undefined): string {
  if (value === undefined || value === null) return '';
  if (isSensitive(value)) return `(read it from ${value.ref})`;
  return String(value);
}

/** Google's "Host URL" is the OneRoster root with its version path (e.g. .../ims/oneroster/v1p1). */
function hostUrl(after: Fields): string {
  const version = after.oneRosterVersion === '1.1' ? '1.1' : '1.2';
  return versionUrls(text(after.baseUrl), version).rosteringUrl;
}

export function linkStep(after: Fields, vendorName: string, relink: boolean): ConsoleStep {
  const consent = after.consentSisSupport === true;
  const instructions = [
    `Open ${CONSOLE} as a Workspace administrator of ${text(after.domain)}.`,
    ...(relink ? ['Under "SIS configuration", click Remove, then Unlink, to drop the old credentials.'] : []),
    `Next to "Select your SIS", click the down arrow and select ${vendorName}.`,
    'Click "Connect to Google".',
    'Under "SIS configuration", click Link.',
    'Enter the Host URL, Access key and Secret listed below.',
    consent
      ? 'Make sure "Enable SIS support" is checked (the district consents to sharing its domain with the SIS vendor).'
      : 'Make sure "Enable SIS support" is NOT checked (the district does not consent to sharing its domain).',
    'Click Authorize. If an error message appears, refresh the page.',
    'When asked to confirm the data exchange features, review them and click "Save and confirm".',
    'Then record it: sislink attest <district> <step-id>.',
  ];
  return {
    title: relink ? `Re-link Classroom to ${vendorName} with new values` : `Link Classroom to ${vendorName}`,
    instructions,
    values: {
      'Host URL': hostUrl(after),
      'Access key': text(after.key),
      Secret: text(after.secret),
      'Enable SIS support': consent ? 'checked' : 'unchecked',
    },
  };
}

export function consentStep(after: Fields): ConsoleStep {
  const consent = after.consentSisSupport === true;
  return {
    title: consent ? 'Enable SIS support in the Classroom admin console' : 'Disable SIS support in the Classroom admin console',
    instructions: [
      `Open ${CONSOLE} as a Workspace administrator of ${text(after.domain)}.`,
      `${consent ? 'Check' : 'Uncheck'} the box next to "Enable SIS support". The choice is saved immediately.`,
      'Then record it: sislink attest <district> <step-id>.',
    ],
    values: { 'Enable SIS support': consent ? 'checked' : 'unchecked' },
  };
}

export function unlinkStep(domain: string): ConsoleStep {
  return {
    title: 'Unlink Classroom from the SIS',
    instructions: [
      `Open ${CONSOLE} as a Workspace administrator of ${domain}.`,
      'Under "SIS configuration", click Remove, then Unlink.',
      'Teachers lose the integration; grades already exported stay in the SIS but are no longer updated.',
      'Then record it: sislink attest <district> <step-id>.',
    ],
    values: {},
  };
}

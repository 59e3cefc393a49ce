import { describe, expect, it } from 'vitest';
import { classroomAdminLinkSteps, getVendorProfile } from '../../src/vendors/index.js';
import { VENDOR_IDS } from '../../src/config/types.js';

describe('credentialInstructions', () => {
  it('Qmlativ names the Integration Access screens, fields and exact dates', () => {
    const steps = getVendorProfile('skyward-qmlativ').credentialInstructions('Google Classroom 2026', 'GOOGLE', {
      effective: '2026-06-17',
      expiration: '2027-07-31',
      secretRef: 'file:secrets/google-classroom-2026',
    }).join('\n');
    for (const text of [
      'Administrative Access > API > Integration',
      'Integration Accesses',
      'Add Integration Access',
      'Name: Google Classroom 2026',
      'Key: GOOGLE',
      'Authentication Type: OA2 - OAuth 2.0',
      'Is Active: ticked',
      'Set Effective Date to 2026-06-17.',
      'Set Expiration Date to 2027-07-31.',
      'GGLCL',
      'Generate Secret',
      'shown only once',
      'file:secrets/google-classroom-2026',
      'Run Process',
    ]) {
      expect(steps).toContain(text);
    }
  });

  it('Qmlativ without dates says what the defaults are', () => {
    const steps = getVendorProfile('skyward-qmlativ').credentialInstructions('Google Classroom', 'GOOGLE').join('\n');
    expect(steps).toContain('one year after the Effective Date');
  });

  it.each([
    ['infinite-campus', ['Digital Learning Applications', 'Add application', 'Google Classroom', 'Generate New OneRoster Connection', 'OneRoster 1.2', 'InfiniteCampus_']],
    ['skyward-sms', ['Secured User (SU)', 'Add Entered Name to Secured Users', 'Generate a New Secret', 'API Configuration (AP)', 'Authentication URL', 'GOOGLE']],
    ['powerschool', ['Google Universal Connector', 'Plugin Configuration', 'Summary page', 'ClientID', 'ClientSecret']],
    ['aspen', ['Pando', 'General API Connections Page', 'Setup and Aspen Configuration']],
    ['oneroster', ['client-credentials', 'gradebook.createput']],
  ] as const)('%s names its console screens', (id, texts) => {
    const steps = getVendorProfile(id).credentialInstructions('Google Classroom 2026', 'GOOGLE').join('\n');
    for (const text of texts) expect(steps).toContain(text);
  });

  it.each(VENDOR_IDS)('%s points at the secret reference, never a value', (id) => {
    const steps = getVendorProfile(id).credentialInstructions('R', 'K', { secretRef: 'env:NEW_SECRET' }).join('\n');
    expect(steps).toContain('env:NEW_SECRET');
  });
});

describe('classroomAdminLinkSteps', () => {
  it('lists the values to enter with the secret as its reference', () => {
    const steps = classroomAdminLinkSteps('Skyward Qmlativ', {
      hostUrl: 'https://demo.skyward.com/demoapi/ims/oneroster/v1p1/',
      key: 'GOOGLE',
      secretRef: 'file:secrets/google-2026',
      sisSupport: false,
    }).join('\n');
    expect(steps).toContain('classroom.google.com/admin');
    expect(steps).toContain('Host URL: https://demo.skyward.com/demoapi/ims/oneroster/v1p1/');
    expect(steps).toContain('file:secrets/google-2026');
    expect(steps).toContain('"Enable SIS support" is not ticked');
  });
});

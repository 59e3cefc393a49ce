import { describe, expect, it } from 'vitest';
import type { DistrictConfig } from '../../src/config/types.js';
import { checkVendor, getVendorProfile } from '../../src/vendors/index.js';
import { district } from './config.js';

interface CheckCase {
  name: string;
  config: DistrictConfig;
  /** `severity CODE path` of findings that must be present. */
  present: string[];
  /** Codes that must be absent. */
  absent?: string[];
}

const IC = { baseUrl: 'https://mvsd.infinitecampus.org/campus/api', infiniteCampus: { appName: 'mvsd', vendorKey: 'env:IC_VK', vendorSecret: 'env:IC_VS' }, licences: ['Campus Learning'], deployment: 'saas' as const };
const IC_RECORDS = { records: [{ name: 'Google Classroom', key: 'InfiniteCampus_abc123', secret: 'env:IC_SECRET', effective: '2025-06-01' }] };

const cases: CheckCase[] = [
  {
    name: 'a clean Infinite Campus district has no findings',
    config: district('infinite-campus', IC, { credentials: IC_RECORDS }),
    present: [],
  },
  {
    name: 'Infinite Campus without appName, licence or prefixed key',
    config: district('infinite-campus', { baseUrl: 'https://mvsd.infinitecampus.org/campus/api' }),
    present: [
      'error IC_APP_NAME_REQUIRED spec.sis.infiniteCampus.appName',
      'warning LICENCE_MISSING spec.sis.licences',
      'warning IC_KEY_PREFIX spec.credentials.records[0].key',
      'warning IC_VENDOR_AUTH_MISSING spec.sis.infiniteCampus',
    ],
  },
  {
    name: 'Infinite Campus on-prem and OneRoster 1.1 with OAuth 1',
    config: district('infinite-campus', { ...IC, deployment: 'self-hosted', oneRosterVersion: '1.1', auth: 'oauth1-hmac-sha256' }, { credentials: IC_RECORDS }),
    present: ['warning SELF_HOSTED_UNSUPPORTED spec.sis.deployment', 'warning IC_CONNECTION_EXPIRES spec.sis.oneRosterVersion', 'warning OAUTH1_DEPRECATED spec.sis.auth'],
    absent: ['LICENCE_MISSING'],
  },
  {
    name: 'Skyward SMS without the LMS API licence or Authentication URL',
    config: district('skyward-sms', { applicationUrl: 'https://esdemo1.skyward.com' }),
    present: ['warning LICENCE_MISSING spec.sis.licences', 'warning TOKEN_URL_DEFAULTED spec.sis.tokenUrl'],
  },
  {
    name: 'Skyward SMS with licence and token URL is clean',
    config: district('skyward-sms', { applicationUrl: 'https://esdemo1.skyward.com', tokenUrl: 'https://esdemo1.skyward.com/api/token', licences: ['lms-api'] }),
    present: [],
  },
  {
    name: 'Skyward SMS asked for OneRoster 1.2',
    config: district('skyward-sms', { applicationUrl: 'https://esdemo1.skyward.com', tokenUrl: 'https://esdemo1.skyward.com/api/token', licences: ['LMS API'], oneRosterVersion: '1.2' }),
    present: ['warning VERSION_UNSUPPORTED spec.sis.oneRosterVersion'],
  },
  {
    name: 'Qmlativ self-hosted without the OneRoster API licence',
    config: district('skyward-qmlativ', { applicationUrl: 'https://sis.mvsd.org/qmlativ', tokenUrl: 'https://sis.mvsd.org/qmlativapi/token', deployment: 'self-hosted' }),
    present: ['warning SELF_HOSTED_UNSUPPORTED spec.sis.deployment', 'warning LICENCE_MISSING spec.sis.licences'],
    absent: ['TOKEN_URL_DEFAULTED'],
  },
  {
    name: 'Qmlativ base URL pasted with the endpoint path',
    config: district('skyward-qmlativ', { baseUrl: 'https://demo.skyward.com/demoapi/ims/oneroster/v1p1/', tokenUrl: 'https://demo.skyward.com/demoapi/token', licences: ['oneroster-api'] }),
    present: ['warning BASE_URL_HAS_ENDPOINT spec.sis.baseUrl'],
    absent: ['HOST_VENDOR_MISMATCH'],
  },
  {
    name: 'legacy OAuth 1.0a needs no token URL',
    config: district('oneroster', { baseUrl: 'https://sis.example.org', oneRosterVersion: '1.1', auth: 'oauth1-hmac-sha1' }),
    present: [],
  },
  {
    name: 'Aspen below 6.2 is an error',
    config: district('aspen', { baseUrl: 'https://aspen.mvsd.org/aspen/rest', tokenUrl: 'https://aspen.mvsd.org/oauth/token', productVersion: '6.1.3' }),
    present: ['error VENDOR_VERSION_UNSUPPORTED spec.sis.productVersion'],
  },
  {
    name: 'Aspen 6.10 is newer than 6.2',
    config: district('aspen', { baseUrl: 'https://aspen.mvsd.org/aspen/rest', tokenUrl: 'https://aspen.mvsd.org/oauth/token', productVersion: '6.10' }),
    present: [],
  },
  {
    name: 'Aspen without a version or token URL',
    config: district('aspen', { baseUrl: 'https://aspen.mvsd.org/aspen/rest' }),
    present: ['warning PRODUCT_VERSION_UNKNOWN spec.sis.productVersion', 'warning TOKEN_URL_DEFAULTED spec.sis.tokenUrl'],
  },
  {
    name: 'Aspen with a non-numeric version',
    config: district('aspen', { baseUrl: 'https://aspen.mvsd.org/aspen/rest', tokenUrl: 'https://aspen.mvsd.org/oauth/token', productVersion: 'six' }),
    present: ['error PRODUCT_VERSION_INVALID spec.sis.productVersion'],
  },
  {
    name: 'PowerSchool older than 24.5.1.0 is a warning',
    config: district('powerschool', { productVersion: '24.5.0.9' }),
    present: ['warning VENDOR_VERSION_OLD spec.sis.productVersion'],
  },
  {
    name: 'PowerSchool 24.5.1.0 and no version are fine',
    config: district('powerschool', { productVersion: '24.5.1.0' }),
    present: [],
    absent: ['VENDOR_VERSION_OLD', 'PRODUCT_VERSION_UNKNOWN'],
  },
  {
    name: 'PowerSchool pointed at a loopback SIS without its own token URL',
    config: district('powerschool', { baseUrl: 'http://127.0.0.1:4010/api' }),
    present: ['warning TOKEN_URL_EXTERNAL spec.sis.tokenUrl'],
  },
  {
    name: 'grade export without Education Plus or the Teaching and Learning Upgrade',
    config: district('powerschool', {}, { licensing: { edition: 'none' } }),
    present: ['warning LICENCE_REQUIRED spec.licensing.edition'],
  },
  {
    name: 'no grade export and connector target: the edition does not matter',
    config: district('powerschool', {}, { licensing: { edition: 'none' }, dataExchange: { rosterImport: true, gradeExport: false } }),
    present: [],
    absent: ['LICENCE_REQUIRED'],
  },
  {
    name: "Google's built-in link still needs the edition for teachers",
    config: district('powerschool', {}, {
      licensing: { edition: 'none' },
      dataExchange: { rosterImport: true, gradeExport: false },
      link: { target: 'classroom-admin', enabled: true },
    }),
    present: ['warning LICENCE_REQUIRED spec.licensing.edition'],
  },
  {
    name: "generic OneRoster through Google's built-in link is pilot-only",
    config: district('oneroster', { baseUrl: 'https://sis.example.org', tokenUrl: 'https://sis.example.org/token' }, { link: { target: 'classroom-admin', enabled: true } }),
    present: ['warning PILOT_PROGRAMME_ONLY spec.link.target'],
  },
  {
    name: 'a mismatched host is an error off loopback',
    config: district('infinite-campus', { ...IC, baseUrl: 'https://mvsd.infinitecampus.org/api' }, { credentials: IC_RECORDS }),
    present: ['error HOST_VENDOR_MISMATCH spec.sis.baseUrl'],
  },
];

describe('VendorProfile.check', () => {
  it.each(cases)('$name', ({ config, present, absent }) => {
    const findings = checkVendor(config).map((f) => `${f.severity} ${f.code} ${f.path}`);
    expect(new Set(findings).size).toBe(findings.length);
    if (present.length === 0 && absent === undefined) expect(findings).toEqual([]);
    for (const line of present) expect(findings).toContain(line);
    for (const code of absent ?? []) expect(findings.join('\n')).not.toContain(` ${code} `);
  });

  it('reports each finding once across resolveEndpoints and check', () => {
    const profile = getVendorProfile('infinite-campus');
    const failing = district('infinite-campus', { baseUrl: 'https://ic.example.org/campus/api' });
    const resolved = profile.resolveEndpoints(failing);
    expect(Array.isArray(resolved) && resolved.map((f) => f.code)).toEqual(['IC_APP_NAME_REQUIRED']);
    expect(profile.check(failing).map((f) => f.code)).not.toContain('IC_APP_NAME_REQUIRED');
    // With an explicit token URL resolution succeeds, and check still requires appName (once).
    const explicit = district('infinite-campus', { baseUrl: 'https://ic.example.org/campus/api', tokenUrl: 'https://ic.example.org/campus/oauth2/token' });
    expect(profile.check(explicit).filter((f) => f.code === 'IC_APP_NAME_REQUIRED')).toHaveLength(1);
  });

  it('names the expected shape in HOST_VENDOR_MISMATCH', () => {
    const [finding] = checkVendor(district('skyward-sms', { baseUrl: 'https://esdemo1.skyward.com/oneroster', licences: ['lms-api'] }))
      .filter((f) => f.code === 'HOST_VENDOR_MISMATCH');
    expect(finding?.message).toContain('<Application URL>/api');
  });
});

import { describe, expect, it } from 'vitest';
import type { ResolvedSisEndpoints } from '../../src/vendors/types.js';
import type { SisSpec, VendorId } from '../../src/config/types.js';
import { getVendorProfile, resolveEndpoints, VENDOR_PROFILES } from '../../src/vendors/index.js';
import { isSislinkError } from '../../src/errors.js';
import { VENDOR_IDS } from '../../src/config/types.js';
import { district } from './config.js';

interface ResolveCase {
  name: string;
  vendor: VendorId;
  sis: SisSpec;
  expected: Partial<ResolvedSisEndpoints>;
}

const IC_APP = { infiniteCampus: { appName: 'maplevalley' } };

const cases: ResolveCase[] = [
  {
    name: 'Infinite Campus from the application URL',
    vendor: 'infinite-campus',
    sis: { applicationUrl: 'https://mvsd.infinitecampus.org/campus/mvsd.jsp', ...IC_APP },
    expected: {
      baseUrl: 'https://mvsd.infinitecampus.org/campus/api',
      rosteringUrl: 'https://mvsd.infinitecampus.org/campus/api/ims/oneroster/rostering/v1p2',
      gradebookUrl: 'https://mvsd.infinitecampus.org/campus/api/ims/oneroster/gradebook/v1p2',
      tokenUrl: 'https://mvsd.infinitecampus.org/campus/oauth2/token?appName=maplevalley',
      version: '1.2',
      auth: 'oauth2-basic',
    },
  },
  {
    name: 'Infinite Campus from a pasted OneRoster 1.2 base URL',
    vendor: 'infinite-campus',
    sis: { baseUrl: 'https://mvsd.infinitecampus.org/campus/api/ims/oneroster/rostering/v1p2/', ...IC_APP },
    expected: { baseUrl: 'https://mvsd.infinitecampus.org/campus/api', version: '1.2' },
  },
  {
    name: 'Infinite Campus appName is URL-encoded in the token URL',
    vendor: 'infinite-campus',
    sis: { baseUrl: 'https://ic.example.org/campus/api', infiniteCampus: { appName: 'maple valley&co' } },
    expected: { tokenUrl: 'https://ic.example.org/campus/oauth2/token?appName=maple%20valley%26co' },
  },
  {
    name: 'Skyward SMS from the application URL',
    vendor: 'skyward-sms',
    sis: { applicationUrl: 'https://esdemo1.skyward.com/' },
    expected: {
      baseUrl: 'https://esdemo1.skyward.com/api',
      rosteringUrl: 'https://esdemo1.skyward.com/api/ims/oneroster/v1p1',
      gradebookUrl: 'https://esdemo1.skyward.com/api/ims/oneroster/v1p1',
      tokenUrl: 'https://esdemo1.skyward.com/api/token',
      version: '1.1',
    },
  },
  {
    name: 'Skyward SMS explicit token URL (the Authentication URL) wins',
    vendor: 'skyward-sms',
    sis: { applicationUrl: 'https://esdemo1.skyward.com', tokenUrl: 'https://esdemo1.skyward.com/auth/oauth/token' },
    expected: { tokenUrl: 'https://esdemo1.skyward.com/auth/oauth/token' },
  },
  {
    name: 'Qmlativ appends API to the application path',
    vendor: 'skyward-qmlativ',
    sis: { applicationUrl: 'https://demo.skyward.com/demo' },
    expected: {
      baseUrl: 'https://demo.skyward.com/demoapi',
      rosteringUrl: 'https://demo.skyward.com/demoapi/ims/oneroster/v1p1',
      version: '1.1',
      auth: 'oauth2-basic',
    },
  },
  {
    name: 'Qmlativ base URL in another case is accepted as given',
    vendor: 'skyward-qmlativ',
    sis: { applicationUrl: 'https://demo.skyward.com/demo', baseUrl: 'https://demo.skyward.com/demoAPI/ims/oneroster/v1p1/' },
    expected: { baseUrl: 'https://demo.skyward.com/demoAPI', rosteringUrl: 'https://demo.skyward.com/demoAPI/ims/oneroster/v1p1' },
  },
  {
    name: 'Aspen takes the base URL from config, generic token URL',
    vendor: 'aspen',
    sis: { baseUrl: 'https://ma-mvsd.myfollett.com/aspen/rest', productVersion: '6.4' },
    expected: {
      baseUrl: 'https://ma-mvsd.myfollett.com/aspen/rest',
      rosteringUrl: 'https://ma-mvsd.myfollett.com/aspen/rest/ims/oneroster/v1p1',
      tokenUrl: 'https://ma-mvsd.myfollett.com/aspen/rest/ims/oneroster/oauth/token',
      version: '1.1',
    },
  },
  {
    name: 'PowerSchool defaults: article base URL, accounts token URL, form-body auth',
    vendor: 'powerschool',
    sis: {},
    expected: {
      baseUrl: 'https://sis.powerschool.com/api',
      rosteringUrl: 'https://sis.powerschool.com/api/ims/oneroster/v1p1',
      tokenUrl: 'https://accounts.powerschool.com/as/token.oauth2',
      version: '1.1',
      auth: 'oauth2-body',
    },
  },
  {
    name: 'PowerSchool with an explicit version and auth',
    vendor: 'powerschool',
    sis: { baseUrl: 'https://sis.powerschool.com/api', oneRosterVersion: '1.2', auth: 'oauth2-basic' },
    expected: { gradebookUrl: 'https://sis.powerschool.com/api/ims/oneroster/gradebook/v1p2', version: '1.2', auth: 'oauth2-basic' },
  },
  {
    name: 'Generic OneRoster on loopback over plain http',
    vendor: 'oneroster',
    sis: { baseUrl: 'http://127.0.0.1:4010', tokenUrl: 'http://127.0.0.1:4010/oauth/token' },
    expected: {
      baseUrl: 'http://127.0.0.1:4010',
      rosteringUrl: 'http://127.0.0.1:4010/ims/oneroster/rostering/v1p2',
      gradebookUrl: 'http://127.0.0.1:4010/ims/oneroster/gradebook/v1p2',
      tokenUrl: 'http://127.0.0.1:4010/oauth/token',
      version: '1.2',
    },
  },
  {
    name: 'a pasted 1.1 endpoint implies version 1.1',
    vendor: 'oneroster',
    sis: { baseUrl: 'https://sis.example.org/api/ims/oneroster/v1p1/' },
    expected: { baseUrl: 'https://sis.example.org/api', version: '1.1', tokenUrl: 'https://sis.example.org/api/ims/oneroster/oauth/token' },
  },
];

describe('resolveEndpoints', () => {
  it.each(cases)('$name', ({ vendor, sis, expected }) => {
    expect(resolveEndpoints(district(vendor, sis))).toMatchObject(expected);
  });

  interface FailCase { name: string; vendor: VendorId; sis: SisSpec; code: string; path: string }
  const failures: FailCase[] = [
    { name: 'IC without appName', vendor: 'infinite-campus', sis: { baseUrl: 'https://ic.example.org/campus/api' }, code: 'IC_APP_NAME_REQUIRED', path: 'spec.sis.infiniteCampus.appName' },
    { name: 'IC host with the wrong shape', vendor: 'infinite-campus', sis: { baseUrl: 'https://ic.example.org/api', ...IC_APP }, code: 'HOST_VENDOR_MISMATCH', path: 'spec.sis.baseUrl' },
    { name: 'Qmlativ base URL not matching the application URL', vendor: 'skyward-qmlativ', sis: { applicationUrl: 'https://demo.skyward.com/demo', baseUrl: 'https://demo.skyward.com/otherapi' }, code: 'HOST_VENDOR_MISMATCH', path: 'spec.sis.baseUrl' },
    { name: 'Skyward SMS base URL without /api', vendor: 'skyward-sms', sis: { baseUrl: 'https://esdemo1.skyward.com/' }, code: 'HOST_VENDOR_MISMATCH', path: 'spec.sis.baseUrl' },
    { name: 'Aspen from an application URL only', vendor: 'aspen', sis: { applicationUrl: 'https://aspen.example.org/aspen' }, code: 'BASE_URL_REQUIRED', path: 'spec.sis.baseUrl' },
    { name: 'generic without any URL', vendor: 'oneroster', sis: {}, code: 'BASE_URL_REQUIRED', path: 'spec.sis' },
    { name: 'plain http off loopback', vendor: 'oneroster', sis: { baseUrl: 'http://sis.example.org' }, code: 'URL_NOT_HTTPS', path: 'spec.sis.baseUrl' },
    { name: 'unparsable URL', vendor: 'skyward-sms', sis: { applicationUrl: 'esdemo1.skyward.com' }, code: 'URL_INVALID', path: 'spec.sis.applicationUrl' },
    { name: 'credentials inside a URL', vendor: 'oneroster', sis: { baseUrl: 'https://GOOGLE:hunter22@sis.example.org' }, code: 'URL_CREDENTIALS', path: 'spec.sis.baseUrl' },
    { name: 'bad token URL', vendor: 'oneroster', sis: { baseUrl: 'https://sis.example.org', tokenUrl: 'ftp://sis.example.org/token' }, code: 'URL_NOT_HTTPS', path: 'spec.sis.tokenUrl' },
    { name: 'OAuth 1.0a with OneRoster 1.2', vendor: 'oneroster', sis: { baseUrl: 'https://sis.example.org', auth: 'oauth1-hmac-sha256' }, code: 'AUTH_UNSUPPORTED', path: 'spec.sis.auth' },
    { name: 'version contradicting a pasted endpoint', vendor: 'oneroster', sis: { baseUrl: 'https://sis.example.org/ims/oneroster/v1p1', oneRosterVersion: '1.2' }, code: 'VERSION_MISMATCH', path: 'spec.sis.oneRosterVersion' },
  ];

  it.each(failures)('throws CONFIG_INVALID: $name', ({ vendor, sis, code, path }) => {
    let caught: unknown;
    try {
      resolveEndpoints(district(vendor, sis));
    } catch (error) {
      caught = error;
    }
    expect(isSislinkError(caught, 'CONFIG_INVALID')).toBe(true);
    const message = (caught as Error).message;
    expect(message).toContain(`${code} ${path}:`);
    expect(message).toContain("district 'maple-valley'");
  });

  it('never echoes URL credentials in the error', () => {
    expect(() => resolveEndpoints(district('oneroster', { baseUrl: 'https://GOOGLE:hunter22@sis.example.org' }))).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter22') }),
    );
  });

  it('downgrades a shape mismatch to a warning on loopback (sandbox rehearsals)', () => {
    const config = district('skyward-qmlativ', { baseUrl: 'http://127.0.0.1:4010', tokenUrl: 'http://127.0.0.1:4010/oauth/token' });
    expect(resolveEndpoints(config).baseUrl).toBe('http://127.0.0.1:4010');
    const mismatch = getVendorProfile('skyward-qmlativ').check(config).find((f) => f.code === 'HOST_VENDOR_MISMATCH');
    expect(mismatch?.severity).toBe('warning');
    expect(mismatch?.message).toContain('demoapi');
  });

  it('returns findings instead of throwing from the profile itself', () => {
    const result = getVendorProfile('aspen').resolveEndpoints(district('aspen', {}));
    expect(Array.isArray(result)).toBe(true);
  });
});

describe('VENDOR_PROFILES', () => {
  it('has one profile per vendor id, each knowing its own id', () => {
    expect(Object.keys(VENDOR_PROFILES).sort()).toEqual([...VENDOR_IDS].sort());
    for (const id of VENDOR_IDS) expect(getVendorProfile(id).id).toBe(id);
  });

  it.each([
    ['infinite-campus', '1.2', 'oauth2-basic', undefined],
    ['skyward-sms', '1.1', 'oauth2-basic', 'GOOGLE'],
    ['skyward-qmlativ', '1.1', 'oauth2-basic', 'GOOGLE'],
    ['aspen', '1.1', 'oauth2-basic', undefined],
    ['powerschool', '1.1', 'oauth2-body', undefined],
    ['oneroster', '1.2', 'oauth2-basic', undefined],
  ] as const)('%s defaults to OneRoster %s, %s, key %s', (id, version, auth, key) => {
    const profile = getVendorProfile(id);
    expect([profile.defaultVersion, profile.defaultAuth, profile.defaultKey]).toEqual([version, auth, key]);
  });

  it('rejects an unknown vendor id', () => {
    expect(() => getVendorProfile('blackboard' as VendorId)).toThrow(/unknown SIS vendor/);
  });
});

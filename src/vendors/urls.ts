/**
 * URL helpers shared by the vendor profiles: parsing with findings, loopback detection, trimming,
 * and the OneRoster path layouts of each version.
 */
import type { OneRosterVersion } from '../config/types.js';
import type { VendorFinding } from './types.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Known OneRoster endpoint suffixes a person may paste into baseUrl, and the version each implies. */
const ENDPOINT_SUFFIXES: ReadonlyArray<{ suffix: string; version: OneRosterVersion }> = [
  { suffix: '/ims/oneroster/rostering/v1p2', version: '1.2' },
  { suffix: '/ims/oneroster/gradebook/v1p2', version: '1.2' },
  { suffix: '/ims/oneroster/resources/v1p2', version: '1.2' },
  { suffix: '/ims/oneroster/v1p1', version: '1.1' },
];

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Removes trailing slashes; keeps a bare origin as `https://host`. */
export function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Parses a configured URL. Errors (codes shared with the config layer's URL rule, so callers can
 * merge by code and path): URL_INVALID (unparsable, query or fragment where a root is expected),
 * URL_CREDENTIALS (user or password inside), URL_NOT_HTTPS (not https, plain http off loopback).
 */
export function parseConfiguredUrl(
  text: string,
  path: string,
  options: { allowQuery?: boolean } = {},
): URL | VendorFinding {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return error('URL_INVALID', path, 'is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return error('URL_NOT_HTTPS', path, `must use https, not ${url.protocol.replace(':', '')}`);
  }
  if (url.username !== '' || url.password !== '') {
    return error('URL_CREDENTIALS', path, 'must not carry a user name or password; use spec.credentials and secret references');
  }
  if (!options.allowQuery && (url.search !== '' || url.hash !== '')) {
    return error('URL_INVALID', path, 'must not have a query string or fragment');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return error('URL_NOT_HTTPS', path, `must use https (plain http is only allowed for loopback hosts), got host ${url.hostname}`);
  }
  return url;
}

export function isFinding(value: unknown): value is VendorFinding {
  return typeof value === 'object' && value !== null && 'severity' in value && 'code' in value;
}

/** The URL without query, fragment or trailing slash. */
export function rootOf(url: URL): string {
  return trimSlashes(`${url.origin}${url.pathname}`);
}

/**
 * Splits a pasted endpoint URL (e.g. `.../ims/oneroster/v1p1/`) into the root that holds
 * `/ims/oneroster` and the version the suffix implies.
 */
export function splitEndpointSuffix(root: string): { base: string; impliedVersion?: OneRosterVersion } {
  const lower = root.toLowerCase();
  for (const { suffix, version } of ENDPOINT_SUFFIXES) {
    if (lower.endsWith(suffix)) return { base: root.slice(0, root.length - suffix.length), impliedVersion: version };
  }
  return { base: root };
}

export function sameUrl(a: string, b: string): boolean {
  return trimSlashes(a).toLowerCase() === trimSlashes(b).toLowerCase();
}

export function versionUrls(base: string, version: OneRosterVersion): { rosteringUrl: string; gradebookUrl: string } {
  if (version === '1.1') {
    const url = `${base}/ims/oneroster/v1p1`;
    return { rosteringUrl: url, gradebookUrl: url };
  }
  return { rosteringUrl: `${base}/ims/oneroster/rostering/v1p2`, gradebookUrl: `${base}/ims/oneroster/gradebook/v1p2` };
}

/** Generic token URL for vendors whose token endpoint is not documented: `<base>/ims/oneroster/oauth/token`. */
export function genericTokenUrl(base: string): string {
  return `${base}/ims/oneroster/oauth/token`;
}

export function error(code: string, path: string, message: string): VendorFinding {
  return { severity: 'error', code, path, message };
}

export function warning(code: string, path: string, message: string): VendorFinding {
  return { severity: 'warning', code, path, message };
}

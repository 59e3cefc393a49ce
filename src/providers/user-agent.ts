import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function ownVersion(): string {
  for (const path of ['../../package.json', '../../../package.json']) {
    try {
      return (require(path) as { version: string }).version;
    } catch {
      // try the next layout (source tree vs compiled dist/)
    }
  }
  return '0.0.0';
}

export const SISLINK_VERSION = ownVersion();

/**
 * The User-Agent sent to the SIS. With the district's consent ("Enable SIS support") it names the
 * district's domain so the vendor can diagnose errors; without consent the domain appears nowhere.
 */
export function sisUserAgent(domain: string, consentSisSupport: boolean): string {
  const base = `sislink/${SISLINK_VERSION}`;
  return consentSisSupport ? `${base} (district ${domain})` : base;
}

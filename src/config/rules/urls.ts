/** URLs: https only (plain http for loopback hosts only), and no credentials inside a URL. */
import type { DistrictConfig } from '../types.js';
import { error, type RuleFinding } from './types.js';

function urlFields(config: DistrictConfig): Array<[string, string | undefined]> {
  const { sis, classroom, credentials } = config.spec;
  return [
    ['spec.sis.baseUrl', sis.baseUrl],
    ['spec.sis.applicationUrl', sis.applicationUrl],
    ['spec.sis.tokenUrl', sis.tokenUrl],
    ['spec.classroom.apiUrl', classroom?.apiUrl],
    ['spec.classroom.tokenUrl', classroom?.tokenUrl],
    ['spec.credentials.rotation.providerUrl', credentials.rotation?.providerUrl],
  ];
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function checkUrls(config: DistrictConfig): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const [path, value] of urlFields(config)) {
    if (value === undefined) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      findings.push(error('URL_INVALID', path, 'is not an absolute URL'));
      continue;
    }
    if (url.username !== '' || url.password !== '') {
      findings.push(error('URL_CREDENTIALS', path, 'must not carry a user name or password; use the credentials section'));
    }
    if (url.protocol === 'https:') continue;
    if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) continue;
    findings.push(error('URL_NOT_HTTPS', path, url.protocol === 'http:'
      ? 'must use https; plain http is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost)'
      : `must use https, not ${url.protocol.slice(0, -1)}`));
  }
  return findings;
}

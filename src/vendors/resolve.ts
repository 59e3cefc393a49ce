/**
 * Endpoint resolution shared by every vendor: take spec.sis.baseUrl (checked against the vendor's
 * shape) or derive it from spec.sis.applicationUrl, then default version, token URL and auth.
 * Returns the endpoints when no error was found, and every finding (errors and warnings) either way.
 */
import type { DistrictConfig, OneRosterVersion } from '../config/types.js';
import type { ResolvedSisEndpoints, VendorFinding } from './types.js';
import type { VendorRules } from './rules.js';
import {
  error, isFinding, isLoopbackHost, parseConfiguredUrl, rootOf, sameUrl, splitEndpointSuffix, versionUrls, warning,
} from './urls.js';

export interface Resolution {
  endpoints?: ResolvedSisEndpoints;
  findings: VendorFinding[];
}

interface BaseChoice {
  base?: string;
  impliedVersion?: OneRosterVersion;
}

export function resolveWithRules(rules: VendorRules, config: DistrictConfig): Resolution {
  const findings: VendorFinding[] = [];
  const sis = config.spec.sis;
  const { base, impliedVersion } = chooseBase(rules, config, findings);

  const configured = sis.oneRosterVersion;
  if (configured !== undefined && impliedVersion !== undefined && configured !== impliedVersion) {
    findings.push(error('VERSION_MISMATCH', 'spec.sis.oneRosterVersion',
      `is ${configured} but spec.sis.baseUrl points at a OneRoster ${impliedVersion} endpoint`));
  }
  const version = configured ?? impliedVersion ?? rules.defaultVersion;
  if (!rules.supportedVersions.includes(version)) {
    findings.push(warning('VERSION_UNSUPPORTED', 'spec.sis.oneRosterVersion',
      `${rules.displayName} documents OneRoster ${rules.supportedVersions.join(' and ')} only, not ${version}`));
  }

  const auth = sis.auth ?? rules.defaultAuth;
  const oauth1 = auth === 'oauth1-hmac-sha256' || auth === 'oauth1-hmac-sha1';
  if (oauth1 && version === '1.2') {
    findings.push(error('AUTH_UNSUPPORTED', 'spec.sis.auth', 'OneRoster 1.2 uses OAuth 2.0; OAuth 1.0a is only for legacy 1.1 endpoints'));
  }
  const tokenUrl = base === undefined ? undefined : chooseTokenUrl(rules, config, base, findings, oauth1);
  if (base === undefined || tokenUrl === undefined || findings.some((f) => f.severity === 'error')) {
    return { findings };
  }
  return {
    findings,
    endpoints: { baseUrl: base, ...versionUrls(base, version), tokenUrl, version, auth },
  };
}

function chooseBase(rules: VendorRules, config: DistrictConfig, findings: VendorFinding[]): BaseChoice {
  const sis = config.spec.sis;
  const derived = sis.applicationUrl === undefined ? undefined : deriveFromApplication(rules, sis.applicationUrl, findings);
  if (sis.baseUrl !== undefined) return checkConfiguredBase(rules, sis.baseUrl, derived, findings);
  if (sis.applicationUrl !== undefined) {
    if (rules.deriveBaseUrl === undefined) {
      findings.push(error('BASE_URL_REQUIRED', 'spec.sis.baseUrl',
        `${rules.displayName}'s OneRoster URL cannot be derived from the application URL; set spec.sis.baseUrl (${rules.baseUrlShape})`));
    }
    return { base: derived };
  }
  if (rules.fallbackBaseUrl !== undefined) return { base: rules.fallbackBaseUrl };
  findings.push(error('BASE_URL_REQUIRED', 'spec.sis',
    rules.deriveBaseUrl === undefined
      ? `set spec.sis.baseUrl (${rules.baseUrlShape})`
      : `set spec.sis.applicationUrl or spec.sis.baseUrl (${rules.baseUrlShape})`));
  return {};
}

function deriveFromApplication(rules: VendorRules, text: string, findings: VendorFinding[]): string | undefined {
  const parsed = parseConfiguredUrl(text, 'spec.sis.applicationUrl');
  if (isFinding(parsed)) {
    findings.push(parsed);
    return undefined;
  }
  return rules.deriveBaseUrl?.(parsed);
}

function checkConfiguredBase(
  rules: VendorRules,
  text: string,
  derived: string | undefined,
  findings: VendorFinding[],
): BaseChoice {
  const parsed = parseConfiguredUrl(text, 'spec.sis.baseUrl');
  if (isFinding(parsed)) {
    findings.push(parsed);
    return {};
  }
  const { base, impliedVersion } = splitEndpointSuffix(rootOf(parsed));
  if (impliedVersion !== undefined) {
    findings.push(warning('BASE_URL_HAS_ENDPOINT', 'spec.sis.baseUrl',
      `includes the OneRoster ${impliedVersion} endpoint path; sislink uses the root ${base} and adds the path itself`));
  }
  // Loopback hosts are local rehearsals (the sandbox), so a shape mismatch there is only a warning.
  const severity = isLoopbackHost(parsed.hostname) ? 'warning' : 'error';
  const baseUrl = new URL(base);
  if (rules.matchesBaseUrl !== undefined && !rules.matchesBaseUrl(baseUrl)) {
    findings.push({ severity, code: 'HOST_VENDOR_MISMATCH', path: 'spec.sis.baseUrl',
      message: `does not look like a ${rules.displayName} OneRoster root; expected ${rules.baseUrlShape}` });
  } else if (derived !== undefined && !sameUrl(derived, base)) {
    findings.push({ severity, code: 'HOST_VENDOR_MISMATCH', path: 'spec.sis.baseUrl',
      message: `does not match ${derived}, derived from spec.sis.applicationUrl for ${rules.displayName}` });
  }
  return { base, impliedVersion };
}

function chooseTokenUrl(
  rules: VendorRules,
  config: DistrictConfig,
  base: string,
  findings: VendorFinding[],
  oauth1: boolean,
): string | undefined {
  const explicit = config.spec.sis.tokenUrl;
  if (explicit !== undefined) {
    const parsed = parseConfiguredUrl(explicit, 'spec.sis.tokenUrl', { allowQuery: true });
    if (isFinding(parsed)) {
      findings.push(parsed);
      return undefined;
    }
    return parsed.href;
  }
  const defaulted = rules.defaultTokenUrl(base, config);
  if (isFinding(defaulted)) {
    findings.push(defaulted);
    return undefined;
  }
  // OAuth 1.0a signs each request and never asks for a token, so a guessed token URL is harmless there.
  if (!rules.tokenUrlDocumented && !oauth1) {
    findings.push(warning('TOKEN_URL_DEFAULTED', 'spec.sis.tokenUrl',
      `is not set; using ${defaulted}${rules.tokenUrlHint === undefined ? '' : ` (${rules.tokenUrlHint})`}`));
  }
  const baseHost = new URL(base).hostname;
  const tokenHost = new URL(defaulted).hostname;
  if (isLoopbackHost(baseHost) && !isLoopbackHost(tokenHost)) {
    findings.push(warning('TOKEN_URL_EXTERNAL', 'spec.sis.tokenUrl',
      `is not set, so tokens for this loopback SIS would be requested from ${tokenHost}; set spec.sis.tokenUrl`));
  }
  return defaulted;
}

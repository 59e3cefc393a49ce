/**
 * What a vendor module declares. `createProfile` (profile.ts) turns these rules into a
 * VendorProfile, so every vendor resolves and checks URLs the same way.
 */
import type { DistrictConfig, OneRosterVersion, SisAuthStyle, VendorId } from '../config/types.js';
import type { CredentialStepDetails, VendorFinding } from './types.js';

export interface LicenceRequirement {
  /** Normalised id expected in spec.sis.licences, e.g. `campus-learning`. */
  id: string;
  /** Other spellings accepted after normalisation. */
  aliases?: string[];
  /** Human text, e.g. "a Campus Learning licence". */
  label: string;
  hint?: string;
}

export interface VendorRules {
  id: VendorId;
  displayName: string;
  defaultVersion: OneRosterVersion;
  supportedVersions: readonly OneRosterVersion[];
  defaultAuth: SisAuthStyle;
  defaultKey?: string;
  defaultCategory?: string;
  /** Shape of the OneRoster root for messages, e.g. `https://<host>/campus/api`. */
  baseUrlShape: string;
  /** Derives the root from spec.sis.applicationUrl (already parsed, no trailing slash). Absent: cannot derive. */
  deriveBaseUrl?: (applicationUrl: URL) => string;
  /** Whether a configured root has the vendor's shape. Absent: any root is accepted. */
  matchesBaseUrl?: (base: URL) => boolean;
  /** Root used when the config gives neither baseUrl nor applicationUrl. */
  fallbackBaseUrl?: string;
  /** Default token URL for a root; a finding when the config lacks what it needs. */
  defaultTokenUrl: (base: string, config: DistrictConfig) => string | VendorFinding;
  /** False when the default token URL is a guess the district should confirm (TOKEN_URL_DEFAULTED). */
  tokenUrlDocumented: boolean;
  /** Where the district finds its token URL, for the TOKEN_URL_DEFAULTED hint. */
  tokenUrlHint?: string;
  licence?: LicenceRequirement;
  /** Vendor-specific eligibility findings beyond the shared ones. */
  eligibility?: (config: DistrictConfig) => VendorFinding[];
  credentialInstructions: (recordName: string, key: string, details: CredentialStepDetails) => string[];
}

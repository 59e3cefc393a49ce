import type { DistrictConfig, OneRosterVersion, SisAuthStyle, VendorId } from '../config/types.js';

/** A finding a vendor profile reports about a district; the config layer attaches file positions. */
export interface VendorFinding {
  severity: 'error' | 'warning';
  code: string;
  /** Dotted path of the field the finding is about. */
  path: string;
  message: string;
}

/** The OneRoster endpoints sislink will use for a district, after derivation and defaulting. */
export interface ResolvedSisEndpoints {
  /** Root that holds `/ims/oneroster/...`, no trailing slash. */
  baseUrl: string;
  /** 1.1: `.../ims/oneroster/v1p1`; 1.2: rostering root `.../ims/oneroster/rostering/v1p2`. */
  rosteringUrl: string;
  /** 1.1: same as rosteringUrl; 1.2: `.../ims/oneroster/gradebook/v1p2`. */
  gradebookUrl: string;
  tokenUrl: string;
  version: OneRosterVersion;
  auth: SisAuthStyle;
}

export interface VendorProfile {
  id: VendorId;
  displayName: string;
  defaultVersion: OneRosterVersion;
  defaultAuth: SisAuthStyle;
  /** Default access key (client id) where the vendor fixes one, e.g. Skyward's `GOOGLE`. */
  defaultKey?: string;
  /** Default grade category for exported assignments, e.g. Skyward's "Assignments". */
  defaultCategory?: string;
  /** Derives OneRoster URLs from the config, or returns findings explaining why it cannot. */
  resolveEndpoints(config: DistrictConfig): ResolvedSisEndpoints | VendorFinding[];
  /**
   * Host/URL consistency and eligibility findings (licences, deployment, versions), including
   * resolution warnings. When resolveEndpoints fails, the errors it returns are left out here:
   * the full set is `resolveEndpoints` errors (if any) plus `check`.
   */
  check(config: DistrictConfig): VendorFinding[];
  /**
   * Console steps a person follows for this vendor's side (used by manual providers). `details`
   * adds the exact dates and where to put the secret when the caller knows them.
   */
  credentialInstructions(recordName: string, key: string, details?: CredentialStepDetails): string[];
}

/** Optional facts that make credential steps exact. Never holds a secret value. */
export interface CredentialStepDetails {
  /** YYYY-MM-DD. */
  effective?: string;
  /** YYYY-MM-DD; absent leaves the vendor's default. */
  expiration?: string;
  /** Where the person stores the generated secret, e.g. `file:secrets/google-2025.txt`. */
  secretRef?: string;
  /** The OneRoster URL to enter in Google's admin console (classroom-admin link). */
  hostUrl?: string;
}

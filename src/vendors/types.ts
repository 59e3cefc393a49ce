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
  /** Host/URL consistency and eligibility warnings (licences, deployment, versions). */
  check(config: DistrictConfig): VendorFinding[];
  /** Console steps a person follows for this vendor's side (used by manual providers). */
  credentialInstructions(recordName: string, key: string): string[];
}

/**
 * The district file, `apiVersion: sislink/v1`, `kind: SisLink`, as TypeScript sees it after
 * loading and defaulting. schemas/sislink-v1.schema.json is the source of truth for the format;
 * these types mirror it and a test keeps the two in step.
 */

export type VendorId = 'infinite-campus' | 'skyward-sms' | 'skyward-qmlativ' | 'aspen' | 'powerschool' | 'oneroster';
export const VENDOR_IDS: readonly VendorId[] = ['infinite-campus', 'skyward-sms', 'skyward-qmlativ', 'aspen', 'powerschool', 'oneroster'];

export type OneRosterVersion = '1.1' | '1.2';
/** How the OneRoster client authenticates. oauth2-basic: client credentials in HTTP Basic; oauth2-body: in the form body. */
export type SisAuthStyle = 'oauth2-basic' | 'oauth2-body' | 'oauth1-hmac-sha256' | 'oauth1-hmac-sha1';
export type Deployment = 'saas' | 'self-hosted';
export type LinkTarget = 'connector' | 'classroom-admin';
export type WorkspaceEdition = 'education-plus' | 'teaching-and-learning-upgrade' | 'none';
export type AccessRecordProviderId = 'manual' | 'sandbox-http';

/** A secret reference such as `env:NAME` or `file:secrets/key.txt`. Never a value. */
export type SecretRef = string;

export interface DistrictMetadata {
  /** DNS-label style, unique across the repository. */
  name: string;
  /** Google Workspace primary domain of the district. */
  domain: string;
  /** IANA time zone, e.g. America/Chicago. */
  timezone: string;
  displayName?: string;
  labels?: Record<string, string>;
}

export interface InfiniteCampusExtras {
  appName: string;
  /** Reference to the vendor key sent in `x-vendor-authorization` on gradebook calls. */
  vendorKey?: SecretRef;
  vendorSecret?: SecretRef;
}

export interface SisSpec {
  /** OneRoster base URL (root that holds /ims/oneroster/...). Either this or applicationUrl. */
  baseUrl?: string;
  /** The vendor's application URL, from which the OneRoster base URL is derived (vendor profile). */
  applicationUrl?: string;
  oneRosterVersion?: OneRosterVersion;
  tokenUrl?: string;
  auth?: SisAuthStyle;
  deployment?: Deployment;
  /** Vendor product version where eligibility depends on it (Aspen, PowerSchool). */
  productVersion?: string;
  infiniteCampus?: InfiniteCampusExtras;
  /** Licence flags the vendor requires (Campus Learning, LMS API, OneRoster API). */
  licences?: string[];
}

export interface LinkSpec {
  target: LinkTarget;
  enabled: boolean;
}

export interface ConsentSpec {
  /** "Enable SIS support": share the district's domain with the SIS vendor to diagnose errors. */
  sisSupport: boolean;
}

export interface DataExchangeSpec {
  rosterImport: boolean;
  gradeExport: boolean;
}

export interface LicensingSpec {
  edition: WorkspaceEdition;
}

/** Google side of the connector: service account with domain-wide delegation. */
export interface ClassroomSpec {
  adminSubject: string;
  serviceAccountKey: SecretRef;
  /** Override for the Classroom API root (the sandbox's emulator). */
  apiUrl?: string;
  tokenUrl?: string;
}

export interface AccessRecordSpec {
  name: string;
  key: string;
  secret: SecretRef;
  /** YYYY-MM-DD, in the district's time zone. */
  effective: string;
  /** YYYY-MM-DD; absent means no expiration. */
  expiration?: string;
}

export interface RotationPolicy {
  /** MM-DD of the yearly school-year rollover, in the district's time zone. */
  rollover: string;
  overlapDays: number;
  validityDays: number;
  /** e.g. "Google Classroom {schoolYear}". */
  namePattern: string;
  /** Key given to new records; defaults to the vendor's default key. */
  key?: string;
  provider: AccessRecordProviderId;
  /** sandbox-http: the admin API root. */
  providerUrl?: string;
  /** sandbox-http: credential for the admin API. */
  providerToken?: SecretRef;
  /** Writable secret store for generated secrets: `file:DIR` or `exec:COMMAND`. */
  secretStore?: string;
  /** Days of remaining coverage under which `credentials status` alerts. */
  warningDays: number;
}

export interface CredentialsSpec {
  records: AccessRecordSpec[];
  rotation?: RotationPolicy;
}

export type CourseMappingRule = 'alias' | 'teacher-email-title';

export interface CourseMapping {
  rule: CourseMappingRule;
  /** Alias prefix before the SIS class sourcedId; default `d:`. */
  aliasPrefix: string;
  /** Allow (and report) matching by teacher email + course title when no alias matches. */
  allowFallback: boolean;
}

export interface ExportJobSpec {
  name: string;
  type: 'grade-export';
  /** Five-field cron expression, in the district's time zone. */
  schedule?: string;
  defaultCategory: string;
  mapping: CourseMapping;
  /** Export draft grades too (default: only assigned/returned grades). */
  includeDraftGrades: boolean;
  /** Courses exported at once (default 4); the SIS writes in flight follow from it. */
  concurrency?: number;
}

export interface RosterSelector {
  schools?: string[];
  terms?: string[];
  classCodes?: string[];
}

export interface RosterImportSpec {
  name: string;
  schedule?: string;
  mapping: CourseMapping;
  selector?: RosterSelector;
  removeUnenrolled: boolean;
  archiveEndedTerms: boolean;
  /** Adds the class's alias to a course the teacher email + title fallback matched. */
  adoptFallbackMatches: boolean;
  concurrency?: number;
  safety: RosterSafetySpec;
}

export interface RosterSafetySpec {
  maxCourseShare: number;
  maxDistrictShare: number;
  minRemovals: number;
}

export interface DistrictSpec {
  vendor: VendorId;
  sis: SisSpec;
  link: LinkSpec;
  consent: ConsentSpec;
  dataExchange: DataExchangeSpec;
  licensing: LicensingSpec;
  classroom?: ClassroomSpec;
  credentials: CredentialsSpec;
  exports: ExportJobSpec[];
  rosterImport?: RosterImportSpec;
}

export interface DistrictConfig {
  apiVersion: 'sislink/v1';
  kind: 'SisLink';
  metadata: DistrictMetadata;
  spec: DistrictSpec;
}

/** Where a district came from, for messages, audit and history. */
export interface DistrictSource {
  file: string;
  /** 0-based index of the YAML document within the file. */
  documentIndex: number;
}

export interface LoadedDistrict {
  config: DistrictConfig;
  source: DistrictSource;
}

export type Severity = 'error' | 'warning';

/** One validation finding: `FILE:LINE:COL: severity CODE DOTTED.PATH: message`. */
export interface Finding {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: Severity;
  /** Stable code, e.g. SCHEMA_TYPE, URL_NOT_HTTPS. */
  code: string;
  /** Dotted path into the document, e.g. spec.sis.baseUrl or spec.credentials.records[1].expiration. */
  path: string;
  message: string;
}

/**
 * A plan is data: a discriminated union of actions per district, each with a resource address,
 * a reason and before/after values. Text, markdown and JSON are renderings of this one object.
 * Sensitive fields never hold values: only their reference and a keyed fingerprint.
 */

export interface SensitiveValue {
  sensitive: true;
  /** Where the value is read from, e.g. env:SIS_SECRET. Safe to show. */
  ref: string;
  /** Keyed fingerprint (HMAC with the state's key); changes when the value changes. */
  fingerprint: string;
}

export type FieldValue = string | number | boolean | null | SensitiveValue;
export type Fields = Record<string, FieldValue>;

export interface FieldChange {
  field: string;
  before: FieldValue | undefined;
  after: FieldValue | undefined;
}

interface ActionBase {
  /** Stable within a plan: used by the journal to recognise a step after a crash. */
  id: string;
  /** Resource address, e.g. link.maple-valley or credential.maple-valley["Google Classroom 2026"]. */
  address: string;
  reason: string;
}

export interface CreateAction extends ActionBase {
  kind: 'create';
  after: Fields;
}

export interface UpdateAction extends ActionBase {
  kind: 'update';
  before: Fields;
  after: Fields;
  changes: FieldChange[];
}

export interface DeleteAction extends ActionBase {
  kind: 'delete';
  before: Fields;
}

export interface NoOpAction extends ActionBase {
  kind: 'no-op';
}

/** Test a credential (token + one cheap read) before anything uses it. */
export interface VerifyAction extends ActionBase {
  kind: 'verify';
  record: string;
  key: string;
  secret: SensitiveValue;
}

/** A change only a person can make (Google's admin console has no API). */
export interface ManualAction extends ActionBase {
  kind: 'manual';
  stepId: string;
  title: string;
  instructions: string[];
  /** Values to enter; secrets only as references. */
  values: Record<string, string>;
  /** True when the step was already handed out and waits for `sislink attest`. */
  pending: boolean;
  /** Values the link has once the step is attested. */
  after: Fields;
}

export type RotationStep = 'create' | 'adopt' | 'instruct' | 'secret' | 'test' | 'promote' | 'retire';

/**
 * One idempotent step of a credential rotation on an access record (see docs/rotation.md):
 * create/adopt (or instruct, for the manual provider) -> secret -> test -> promote -> retire.
 */
export interface RotateAction extends ActionBase {
  kind: 'rotate';
  step: RotationStep;
  record: string;
  key: string;
  schoolYear: number | null;
  effective: string | null;
  expiration: string | null;
  provider: 'manual' | 'sandbox-http';
  /** The provider's id of the record, when known at plan time. */
  providerId: string | null;
  /** Where the record's secret is (or is to be) read from; never a value. */
  secretRef: string | null;
  /** Manual provider: what a person does in the vendor's console. */
  instructions: string[];
  /** The day by which a person must have done it (manual provider). */
  deadline: string | null;
  /** True when the instructions were handed out already and wait for a person (not a change). */
  pending: boolean;
}

export type PlanAction = CreateAction | UpdateAction | DeleteAction | NoOpAction | VerifyAction | ManualAction | RotateAction;
export type ActionKind = PlanAction['kind'];

export interface PlanWarning {
  code: string;
  message: string;
}

export interface DistrictPlan {
  district: string;
  /** Config file the district came from, relative to the plan's working directory. */
  file: string;
  target: 'connector' | 'classroom-admin';
  /** Fingerprint of the observed state the plan was computed from. */
  base: string;
  /** Digest of the desired state (config after defaults, secrets as fingerprints). */
  desiredDigest: string;
  actions: PlanAction[];
  warnings: PlanWarning[];
  /** Errors that keep this district from being applied (e.g. no record covers today). */
  errors: PlanWarning[];
}

export interface Plan {
  formatVersion: 1;
  /** The clock the plan was computed with (--now). */
  now: string;
  createdAt: string;
  districts: DistrictPlan[];
  /** sha256 over the canonical JSON of everything above. */
  hash: string;
}

export function isChange(action: PlanAction): boolean {
  if (action.kind === 'no-op') return false;
  if (action.kind === 'manual' || action.kind === 'rotate') return !action.pending;
  return true;
}

export function districtHasChanges(plan: DistrictPlan): boolean {
  return plan.actions.some(isChange);
}

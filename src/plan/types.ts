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

export type PlanAction = CreateAction | UpdateAction | DeleteAction | NoOpAction | VerifyAction | ManualAction;
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
  if (action.kind === 'manual') return !action.pending;
  return true;
}

export function districtHasChanges(plan: DistrictPlan): boolean {
  return plan.actions.some(isChange);
}

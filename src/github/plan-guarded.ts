/**
 * Plans like `sislink plan`, except that districts the guard holds back are observed without any
 * credential test, and their plans carry a CREDENTIALS_WITHHELD warning.
 */
import type { LoadedDistrict } from '../config/types.js';
import { assemblePlan } from '../plan/plan.js';
import type { DistrictPlan, Plan } from '../plan/types.js';
import type { ReconcileContext } from '../reconcile/context.js';
import { observeDistrict } from '../reconcile/observe.js';
import { planDistricts, planObservation } from '../reconcile/plan-run.js';
import { CREDENTIALS_WITHHELD, withheldMessage, type HostChange } from './guard.js';

export interface GuardedPlanOptions {
  allowUnlink?: boolean;
}

export async function planWithGuard(
  context: ReconcileContext,
  paths: string[],
  loaded: LoadedDistrict[],
  guarded: ReadonlyMap<string, HostChange>,
  options: GuardedPlanOptions = {},
): Promise<Plan> {
  const open = loaded.filter((district) => !guarded.has(district.config.metadata.name));
  // Guarded districts are absent from this run's input; they may come back as "vanished" (no
  // file, so no credential either) and are replaced below.
  const { plan: openPlan } = await planDistricts(context, paths, open, { allowUnlink: options.allowUnlink });
  const byName = new Map<string, DistrictPlan>(openPlan.districts.filter((district) => !guarded.has(district.district)).map((district) => [district.district, district]));
  for (const district of loaded) {
    const name = district.config.metadata.name;
    const change = guarded.get(name);
    if (change === undefined) continue;
    const observation = await observeDistrict(context, name, district, district.config.spec.link.target, { skipCredentialTests: true });
    const plan = planObservation(observation, { allowUnlink: options.allowUnlink, skipCredentialTests: true });
    plan.warnings.push({ code: CREDENTIALS_WITHHELD, message: withheldMessage(change) });
    byName.set(name, plan);
  }
  const ordered = [
    ...loaded.map((district) => byName.get(district.config.metadata.name)).filter((plan): plan is DistrictPlan => plan !== undefined),
    ...openPlan.districts.filter((district) => !guarded.has(district.district) && !loaded.some((entry) => entry.config.metadata.name === district.district)),
  ];
  return assemblePlan(ordered, context.now);
}
